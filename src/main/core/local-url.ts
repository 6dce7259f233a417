import { isPort } from '../../shared/port'
import { InputError } from '../../shared/validate'

/** The only http:// URL Portolan opens: a local port, built from a validated number, never taken from the page. */
export function localPortUrl(port: number): string {
  if (!isPort(port) || port === 0) throw new InputError(`port ${port} cannot be opened in a browser`)
  return `http://localhost:${port}/`
}
