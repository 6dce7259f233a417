import { InputError } from '../../shared/validate'

/** The only http:// URL Portolan opens: a local port, built from a validated number, never taken from the page. */
export function localPortUrl(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InputError(`port ${port} cannot be opened in a browser`)
  return `http://localhost:${port}/`
}
