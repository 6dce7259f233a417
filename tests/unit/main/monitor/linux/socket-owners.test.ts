import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readStartTicks } from '../../../../../src/main/monitor/linux/process-details'
import { COMMAND_LINE_CHECK_EVERY, SocketOwners } from '../../../../../src/main/monitor/linux/socket-owners'

/** A fake /proc: processes with a name, start ticks and socket fds. */
function fakeProcess(root: string, pid: number, options: { name: string; startTicks: number; sockets: number[] }): void {
  const dir = join(root, String(pid))
  mkdirSync(join(dir, 'fd'), { recursive: true })
  writeFileSync(join(dir, 'comm'), `${options.name}\n`)
  writeFileSync(join(dir, 'cmdline'), `${options.name}\0--flag\0`)
  const afterName = ['S', '1', ...Array<string>(17).fill('0'), String(options.startTicks), '0'].join(' ')
  writeFileSync(join(dir, 'stat'), `${pid} (${options.name}) ${afterName}\n`)
  options.sockets.forEach((inode, i) => symlinkSync(`socket:[${inode}]`, join(dir, 'fd', String(i + 3))))
}

describe('SocketOwners with a fake /proc', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'portolan-proc-'))
    writeFileSync(join(root, 'stat'), 'cpu 1 2 3\nbtime 1700000000\n')
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('reads the start ticks after a name with spaces and parentheses', () => {
    fakeProcess(root, 10, { name: 'a (b) c', startTicks: 12345, sockets: [] })
    expect(readStartTicks(root, 10)).toBe(12345)
    expect(readStartTicks(root, 11)).toBeNull()
  })

  it('maps inodes to the lowest pid, with process details', () => {
    fakeProcess(root, 300, { name: 'child', startTicks: 600, sockets: [555] })
    fakeProcess(root, 200, { name: 'server', startTicks: 500, sockets: [555, 556] })
    const owners = new SocketOwners(root, join(root, 'no-passwd'))
    const found = owners.resolve([555, 556, 999])
    expect(found.get(555)?.pid).toBe(200)
    expect(found.get(556)).toMatchObject({ pid: 200, process: 'server' })
    expect(found.get(556)?.details).toMatchObject({ name: 'server', commandLine: ['server', '--flag'], startTime: 1700000000_000 + 5000 })
    expect(found.has(999)).toBe(false)
  })

  it('keeps the map between polls and walks again when a new inode shows up', () => {
    fakeProcess(root, 200, { name: 'server', startTicks: 500, sockets: [555] })
    const owners = new SocketOwners(root)
    expect(owners.resolve([555]).get(555)?.pid).toBe(200)
    fakeProcess(root, 201, { name: 'late', startTicks: 900, sockets: [777] })
    expect(owners.resolve([555]).has(555)).toBe(true)
    expect(owners.resolve([555, 777]).get(777)?.pid).toBe(201)
  })

  it('finds a new process’s socket by reading only new processes, and an old process’s new socket by a full walk', () => {
    fakeProcess(root, 200, { name: 'old', startTicks: 500, sockets: [555] })
    const owners = new SocketOwners(root)
    expect(owners.resolve([555]).get(555)?.pid).toBe(200)
    // A socket of the old process that a partial walk would miss: make its fd dir unreadable to prove no full walk happens.
    fakeProcess(root, 400, { name: 'new', startTicks: 900, sockets: [888] })
    rmSync(join(root, '200', 'fd'), { recursive: true })
    const afterPartial = owners.resolve([555, 888])
    expect(afterPartial.get(888)?.pid).toBe(400)
    expect(afterPartial.get(555)?.pid).toBe(200)
    // Now an old process gains a socket: only a full walk can find it.
    mkdirSync(join(root, '200', 'fd'))
    symlinkSync('socket:[555]', join(root, '200', 'fd', '3'))
    symlinkSync('socket:[556]', join(root, '200', 'fd', '4'))
    expect(owners.resolve([555, 556, 888]).get(556)?.pid).toBe(200)
  })

  it('notices an owner that exited, or whose pid was reused, and finds the new holder', () => {
    fakeProcess(root, 200, { name: 'parent', startTicks: 500, sockets: [555] })
    fakeProcess(root, 300, { name: 'heir', startTicks: 600, sockets: [] })
    const owners = new SocketOwners(root)
    expect(owners.resolve([555]).get(555)?.pid).toBe(200)

    rmSync(join(root, '200'), { recursive: true })
    symlinkSync('socket:[555]', join(root, '300', 'fd', '3'))
    expect(owners.resolve([555]).get(555)).toMatchObject({ pid: 300, process: 'heir' })

    rmSync(join(root, '300'), { recursive: true })
    fakeProcess(root, 300, { name: 'reused', startTicks: 700, sockets: [555] })
    expect(owners.resolve([555]).get(555)).toMatchObject({ pid: 300, process: 'reused' })
  })

  it("notices an exec that keeps the name but changes the arguments within a few polls, and reads the details again", () => {
    fakeProcess(root, 200, { name: 'python3', startTicks: 500, sockets: [555] })
    const owners = new SocketOwners(root)
    expect(owners.resolve([555]).get(555)?.details.commandLine).toEqual(['python3', '--flag'])
    expect(owners.stillRunning()).toBe(true)
    writeFileSync(join(root, '200', 'cmdline'), 'python3\0b.py\0')
    const answers = Array.from({ length: COMMAND_LINE_CHECK_EVERY }, () => owners.stillRunning())
    expect(answers).toContain(false)
    expect(owners.resolve([555]).get(555)?.details.commandLine).toEqual(['python3', 'b.py'])
  })
})
