import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Portolan'

/**
 * Where Portolan keeps the user's files (imported registry, labels, settings, history).
 * PORTOLAN_DATA_DIR overrides it (tests, scripts); otherwise it is the same folder Electron's
 * app.getPath('userData') gives, so the CLI and the app share one data directory.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PORTOLAN_DATA_DIR) return env.PORTOLAN_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME)
}
