import type { PeopleTable } from '../people'
import type { RegistryData } from '../record'
import { RegistryImportError } from './errors'
import { parseIanaCsv } from './iana-csv'
import { parseIanaXml } from './iana-xml'

/** Either of IANA's formats, told apart by their first characters; `people` names the CSV's person ids. */
export function parseIanaRegistry(text: string, origin: string, people?: PeopleTable): RegistryData {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('<')) return parseIanaXml(text, origin)
  if (start.startsWith('Service Name,')) return parseIanaCsv(text, origin, people)
  if (start === '') throw new RegistryImportError('the file is empty')
  throw new RegistryImportError("not IANA's port registry: expected its service-names-port-numbers CSV or XML")
}
