/** Anything wrong with a registry file or its source; the message says what, in one sentence. */
export class RegistryImportError extends Error {
  override name = 'RegistryImportError'
}
