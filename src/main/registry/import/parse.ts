import type { RegistryData } from '../record'
import { RegistryImportError } from './errors'
import { parseIanaCsv } from './iana-csv'
import { parseIanaXml } from './iana-xml'

/** Either of IANA's formats, told apart by their first characters. */
export function parseIanaRegistry(text: string, origin: string): RegistryData {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('<')) return parseIanaXml(text, origin)
  if (start.startsWith('Service Name,')) return parseIanaCsv(text, origin)
  if (start === '') throw new RegistryImportError('the file is empty')
  throw new RegistryImportError("not IANA's port registry: expected its service-names-port-numbers CSV or XML")
}
