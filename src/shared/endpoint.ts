/** "127.0.0.1:8080", "[::1]:8080": IPv6 addresses in brackets so the port is not read as part of them. */
export function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`
}
