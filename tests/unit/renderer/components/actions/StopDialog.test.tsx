// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { RowActions } from '../../../../../src/renderer/src/components/actions/RowActions'
import type { Row } from '../../../../../src/shared/row'
import type { StopOutcome, StopTarget } from '../../../../../src/shared/stop'
import { fakePortolan, renderInPage } from '../support/page'
import { realAnswers } from '../support/real-answers'
import type { AdviceCase } from '../../../../helpers/renderer-answers-types'
import { listener, provenance, snapshotOf } from '../support/rows'

/** The confirmation main gives for a row: what the row and /proc tell, with main's real advice. */
async function targetFor(row: Row, advice?: Omit<AdviceCase, 'pid' | 'name'>): Promise<StopTarget> {
  const pid = row.pid ?? 0
  return {
    rowId: row.id,
    pid,
    name: row.process,
    executable: row.executable ?? null,
    commandLine: row.commandLine ?? null,
    user: row.user ?? null,
    startTime: row.processStart ?? null,
    ports: [{ protocol: row.protocol, address: row.address, port: row.port }],
    provenance: advice?.provenance ?? null,
    ...(advice ? { advice: await (await realAnswers()).stopAdvice({ pid, name: row.process, ...advice }) } : {}),
  }
}

/** What main says once the process exited and the re-scan finds its port free. */
async function freed(target: StopTarget, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<StopOutcome> {
  return (await realAnswers()).freed(target, signal)
}

/** The action bar for one selected row, as the page shows it, with main answering for `target`. */
async function openStop(row: Row, target: StopTarget, outcome: (force: boolean) => StopOutcome | Promise<StopOutcome> = () => freed(target)) {
  const user = userEvent.setup()
  const fake = fakePortolan({
    snapshot: () => snapshotOf(1, [row]),
    describeStop: (rowId) => (rowId === target.rowId ? { ok: true, target } : { ok: false, message: 'That row is no longer listed.' }),
    stopProcess: (_rowId, options) => outcome(options.force),
  })
  renderInPage(<RowActions rows={[row]} />)
  await user.click(screen.getByRole('button', { name: 'Stop process…' }))
  const dialog = await screen.findByRole('dialog', { name: `Stop ${target.name ?? `pid ${target.pid}`}` })
  // The target is shown once main has described it.
  await within(dialog).findByText(String(target.pid))
  return { user, fake, dialog }
}

const field = (dialog: HTMLElement, name: string) => dialog.querySelector(`[data-field="${name}"]`)?.textContent

describe('the stop dialog for a plain process', () => {
  const row = listener(3000, { pid: 4242 })

  it('shows who will be stopped and offers the process alone, with nothing to copy', async () => {
    const target = await targetFor(row, { provenance: provenance({ chain: [{ pid: 4242, name: 'node' }, { pid: 4100, name: 'bash' }], processGroup: 4242 }) })
    const { fake, dialog } = await openStop(row, target)
    expect(fake.callsTo('describeStop')).toEqual([[row.id]])
    expect(field(dialog, 'name')).toBe('node')
    expect(field(dialog, 'executable')).toBe('/usr/bin/node')
    expect(field(dialog, 'command-line')).toBe('node server.js --port 3000')
    expect(field(dialog, 'user')).toBe('ana')
    expect(field(dialog, 'ports')).toBe('tcp 127.0.0.1:3000')
    expect(dialog.querySelector('[data-field="advice"]')).toBeNull()
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['×', 'Cancel', 'Stop process'])
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(fake.callsTo('stopProcess')).toEqual([])
  })

  it('stops the process on confirm and says what happened', async () => {
    const target = await targetFor(row)
    const { user, fake, dialog } = await openStop(row, target)
    await user.click(within(dialog).getByRole('button', { name: 'Stop process' }))
    const said = await within(dialog).findByText('Stopped node (pid 4242); port 3000/tcp is free.')
    expect(said.getAttribute('role')).toBe('status')
    expect(fake.callsTo('stopProcess')).toEqual([[row.id, { force: false }]])
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['×', 'Close'])
  })

  it('offers Force stop when the process ignored SIGTERM, and forces only when asked', async () => {
    const target = await targetFor(row)
    const stillRunning: StopOutcome = {
      result: 'still-running', message: 'node (pid 4242) is still running 3 s after SIGTERM; it may be ignoring it, so you can force it.', pid: 4242, signal: 'SIGTERM', takenBy: [], canForce: true,
    }
    const { user, fake, dialog } = await openStop(row, target, (force) => (force ? freed(target, 'SIGKILL') : stillRunning))
    await user.click(within(dialog).getByRole('button', { name: 'Stop process' }))
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', stillRunning.message)
    await user.click(within(dialog).getByRole('button', { name: 'Force stop' }))
    await within(dialog).findByText('Stopped node (pid 4242); port 3000/tcp is free.')
    expect(fake.callsTo('stopProcess')).toEqual([[row.id, { force: false }], [row.id, { force: true }]])
  })

  it('stops nothing on Cancel', async () => {
    const { user, fake, dialog } = await openStop(row, await targetFor(row))
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(fake.callsTo('stopProcess')).toEqual([])
  })

  it('stops nothing on Escape', async () => {
    const { user, fake } = await openStop(row, await targetFor(row))
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(fake.callsTo('stopProcess')).toEqual([])
  })

  it("shows main's refusal and offers nothing to stop", async () => {
    const user = userEvent.setup()
    const refusal = "It is held by the system's init process (pid 1), which Portolan never stops."
    const fake = fakePortolan({ snapshot: () => snapshotOf(1, [row]), describeStop: () => ({ ok: false, message: refusal }) })
    renderInPage(<RowActions rows={[row]} />)
    await user.click(screen.getByRole('button', { name: 'Stop process…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Stop process' })
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', refusal)
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['×', 'Close'])
    expect(fake.callsTo('stopProcess')).toEqual([])
  })
})

describe('the stop dialog for a systemd service', () => {
  const row = listener(80, { pid: 812, process: 'nginx', commandLine: ['nginx: master process /usr/sbin/nginx -g daemon on; master_process on;'], executable: '/usr/sbin/nginx', user: 'root', uid: 0 })

  it('warns that systemd restarts it and gives the unit command to copy', async () => {
    const target = await targetFor(row, { provenance: provenance({ unit: { name: 'nginx.service', manager: 'system' }, processGroup: 812 }), restart: 'always' })
    const { user, dialog } = await openStop(row, target)
    expect(within(dialog).getByText('systemd will restart nginx.service (Restart=always): stop the unit instead.')).toBeTruthy()
    expect(field(dialog, 'command')).toBe('systemctl stop nginx.service')
    await user.click(within(dialog).getByRole('button', { name: 'Copy the command' }))
    expect(await navigator.clipboard.readText()).toBe('systemctl stop nginx.service')
    expect(within(dialog).getByRole('button', { name: 'Copy the command' }).textContent).toBe('Copied')
    // The unit is stopped with the command; the dialog stops only the process.
    expect(within(dialog).queryByRole('button', { name: /Stop (group|container)/ })).toBeNull()
  })

  it('says when systemd would not restart it', async () => {
    const target = await targetFor(row, { provenance: provenance({ unit: { name: 'nginx.service', manager: 'system' } }), restart: 'no' })
    const { dialog } = await openStop(row, target)
    expect(within(dialog).getByText(/^systemd will not restart nginx\.service \(Restart=no\)/)).toBeTruthy()
  })
})

describe('the stop dialog for a container', () => {
  const row = listener(8080, { pid: 2301, process: 'nginx', commandLine: ['nginx', '-g', 'daemon off;'], user: 'root', uid: 0 })
  const origin = provenance({ container: { runtime: 'docker', id: '3f4a9c2e1b7d8a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f', name: 'web', image: 'nginx:1.27' } })

  it('offers to stop the container through the engine, and stops the container when chosen', async () => {
    const target = await targetFor(row, { provenance: origin, canStopContainer: true })
    const { user, fake, dialog } = await openStop(row, target)
    expect(within(dialog).getByText(/^It runs inside the docker container web: /)).toBeTruthy()
    expect(field(dialog, 'command')).toBe('docker stop web')
    await user.click(within(dialog).getByRole('button', { name: 'Stop container web' }))
    await within(dialog).findByText('Stopped nginx (pid 2301); port 8080/tcp is free.')
    expect(fake.callsTo('stopProcess')).toEqual([[row.id, { force: false, scope: 'container' }]])
  })

  it('offers only the command when the engine cannot stop it', async () => {
    const target = await targetFor(row, { provenance: origin, canStopContainer: false })
    const { dialog } = await openStop(row, target)
    expect(field(dialog, 'command')).toBe('docker stop web')
    expect(within(dialog).queryByRole('button', { name: /Stop container/ })).toBeNull()
  })
})

describe('the stop dialog for a process group', () => {
  const row = listener(5173, { pid: 4102, process: 'node', commandLine: ['node', '/home/ana/app/node_modules/.bin/vite'] })
  const origin = provenance({
    chain: [{ pid: 4102, name: 'node' }, { pid: 4100, name: 'sh' }],
    supervisor: { pid: 4100, name: 'sh', kind: 'shell' },
    processGroup: 4100,
  })

  it('shows the group and its kill command, copyable, and stops the group when chosen', async () => {
    const target = await targetFor(row, { provenance: origin, groupMembers: [4100, 4101, 4102] })
    const { user, fake, dialog } = await openStop(row, target)
    expect(within(dialog).getByText('Process group 4100, led by sh: 3 processes.')).toBeTruthy()
    expect(within(dialog).getByText(/^It was started by sh \(pid 4100\), which is still running/)).toBeTruthy()
    expect(field(dialog, 'command')).toBe('kill -TERM -- -4100')
    await user.click(within(dialog).getByRole('button', { name: 'Copy the command' }))
    expect(await navigator.clipboard.readText()).toBe('kill -TERM -- -4100')
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['×', 'Copied', 'Cancel', 'Stop group (3 processes)', 'Stop process'])
    await user.click(within(dialog).getByRole('button', { name: 'Stop group (3 processes)' }))
    await within(dialog).findByText('Stopped node (pid 4102); port 5173/tcp is free.')
    expect(fake.callsTo('stopProcess')).toEqual([[row.id, { force: false, scope: 'group' }]])
  })
})

describe('the stop dialog for several rows', () => {
  const web = listener(3000, { pid: 4242 })
  const webIpv6 = listener(3000, { id: 'tcp|6|::1|3000|4242', family: 6, address: '::1', pid: 4242 })
  const vite = listener(5173, { pid: 4300 })

  it('lists each process once, stops them one by one on confirm, and says what happened to each', async () => {
    const user = userEvent.setup()
    const targets = new Map([[web.id, await targetFor(web)], [webIpv6.id, await targetFor(web)], [vite.id, await targetFor(vite)]])
    const fake = fakePortolan({
      snapshot: () => snapshotOf(1, [web, webIpv6, vite]),
      describeStop: (rowId) => {
        const target = targets.get(rowId)
        return target ? { ok: true, target } : { ok: false, message: 'That row is no longer listed.' }
      },
      stopProcess: async (rowId) => {
        const target = targets.get(rowId)
        if (!target) throw new Error('not confirmed')
        return freed(target)
      },
    })
    renderInPage(<RowActions rows={[web, webIpv6, vite]} />)
    await user.click(screen.getByRole('button', { name: 'Stop process…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Stop 2 processes' })
    expect(within(dialog).getAllByRole('listitem').map((item) => item.querySelector('strong')?.textContent)).toEqual(['node', 'node'])
    expect(fake.callsTo('describeStop')).toEqual([[web.id], [webIpv6.id], [vite.id]])
    expect(fake.callsTo('stopProcess')).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Stop 2 processes' }))
    await within(dialog).findByText('Stopped node (pid 4300); port 5173/tcp is free.')
    expect(within(dialog).getByText('Stopped node (pid 4242); port 3000/tcp is free.')).toBeTruthy()
    expect(fake.callsTo('stopProcess')).toEqual([[web.id, { force: false }], [vite.id, { force: false }]])
  })
})
