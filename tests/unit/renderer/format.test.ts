import { describe, expect, it } from 'vitest'
import { describeOwner, describeProtocol, formatAge } from '../../../src/renderer/src/lib/format'
import { HIDDEN_OWNER_TEXT, NO_OWNER_TEXT } from '../../../src/shared/owner'
import { makeRow } from './store/fixtures'

describe('table formatting', () => {
  it('says how long a listener has been seen, coarsely', () => {
    expect(formatAge(400)).toBe('<1 s')
    expect(formatAge(42_000)).toBe('42 s')
    expect(formatAge(5 * 60_000 + 59_000)).toBe('5 min')
    expect(formatAge(3 * 3_600_000 + 2 * 60_000)).toBe('3 h 2 min')
    expect(formatAge(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h')
  })

  it('never leaves the owner blank', () => {
    expect(describeOwner(makeRow(80, { process: 'nginx' }))).toBe('nginx')
    expect(describeOwner(makeRow(80, { process: null, pid: null, ownerHidden: true }))).toBe(HIDDEN_OWNER_TEXT)
    expect(describeOwner(makeRow(80, { process: null, pid: 42 }))).toBe('pid 42')
    expect(describeOwner(makeRow(80, { process: null, pid: null }))).toBe(NO_OWNER_TEXT)
    expect(describeOwner(makeRow(80, { process: 'docker-proxy', container: { name: 'web', image: 'nginx:1' } }))).toBe('container web (nginx:1)')
  })

  it('names the family the way netstat does', () => {
    expect(describeProtocol(makeRow(53, { protocol: 'udp', family: 6 }))).toBe('udp6')
    expect(describeProtocol(makeRow(80))).toBe('tcp')
  })
})
