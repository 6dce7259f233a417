/** An error as one line for a person (a status, a log line, a reply): its message, else its name, else the value as text. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}
