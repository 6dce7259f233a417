import { runHelper } from '../../main/monitor/helper-server'
import type { CommandIo } from '../io'

/**
 * `portolan helper`: the elevated half of the app's "Show all owners". Run as root (or administrator),
 * it answers the app's poll requests with the sockets it sees, one JSON line each; see helper-server.ts.
 */
export function helperCommand(args: string[], io: CommandIo): Promise<number> {
  return runHelper(args, io.stop)
}
