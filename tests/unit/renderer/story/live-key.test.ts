import { describe, expect, it } from 'vitest'
import type { Row } from '../../../../src/shared/row'
import { liveKeyOf } from '../../../../src/renderer/src/components/story/live-key'

const row = (port: number, patch: Partial<Row> = {}): Row => ({
  id: `tcp|127.0.0.1|${port}|${patch.pid ?? 100}`, protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN', pid: 100, process: 'python3',
  service: null, description: null, range: 'user', exposure: 'loopback', remoteAddress: null, remotePort: null, uid: 0, ownerHidden: false,
  since: 0, container: null, ...patch,
})

// The story panel refetches when this key changes: it must change with the port's holders and only with them.
describe('the live key the story panel follows', () => {
  it('changes when a holder of the port appears, changes owner or leaves', () => {
    const none = liveKeyOf([row(9000)], 8000, null)
    const held = liveKeyOf([row(9000), row(8000)], 8000, null)
    const otherOwner = liveKeyOf([row(9000), row(8000, { pid: 200, process: 'node' })], 8000, null)
    expect(new Set([none, held, otherOwner]).size).toBe(3)
    expect(liveKeyOf([row(9000)], 8000, null)).toBe(none)
  })

  it('ignores other ports, the other protocol when one is asked, and row order', () => {
    const tcp = row(8000)
    const base = [tcp, row(8000, { id: 'udp|0.0.0.0|8000|100', protocol: 'udp', state: 'UNCONN' })]
    expect(liveKeyOf([...base, row(3000)], 8000, 'tcp')).toBe(liveKeyOf([tcp], 8000, 'tcp'))
    expect(liveKeyOf([...base].reverse(), 8000, null)).toBe(liveKeyOf(base, 8000, null))
    expect(liveKeyOf(base, 8000, 'udp')).not.toBe(liveKeyOf(base, 8000, 'tcp'))
  })
})
