import { MAX_PORT } from './row'

/** A TCP or UDP port number: a whole number 0-65535. */
export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_PORT
}
