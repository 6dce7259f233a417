import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../../helpers/cli'
import { listenTcp, type OpenSocket } from '../../helpers/sockets'

// Read-only commands build only what they read (core/compose.ts): the user's data directory is left
// exactly as it was, with no history.json, settings or labels written on the way out.

describe('read-only commands write nothing to PORTOLAN_DATA_DIR', () => {
  let dataDir: string
  let socket: OpenSocket
  beforeAll(async () => {
    socket = await listenTcp('127.0.0.1')
  })
  afterAll(() => socket.close())
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true })
  })

  it.each([[['list']], [['list', '--json']], [['story', '22']]])('portolan %j', async (args) => {
    dataDir = mkdtempSync(join(tmpdir(), 'portolan-read-only-'))
    const { code, stdout } = await runCliInProcess(args, { env: { PORTOLAN_DATA_DIR: dataDir } })
    expect(code).toBe(0)
    // It did its work (our own listener is in the listing, or the story was told)...
    expect(stdout).toContain(args[0] === 'list' ? String(socket.port) : 'Port 22')
    // ...and left the data directory empty.
    expect(readdirSync(dataDir)).toEqual([])
  })
})
