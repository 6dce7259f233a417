/** Anything wrong with a registry file or its source; the message says what, in one sentence. */
export class RegistryImportError extends Error {
  override name = 'RegistryImportError'
}

/** The user cancelled the import (Ctrl-C): nothing was changed. */
export class RegistryImportCancelled extends RegistryImportError {
  override name = 'RegistryImportCancelled'
  constructor() {
    super('cancelled')
  }
}

/** The file was good but could not be stored (a full disk, a read-only data directory): nothing was changed. */
export class RegistryStoreError extends RegistryImportError {
  override name = 'RegistryStoreError'
}
