import { describe, expect, it } from 'vitest'
import { ActivityRows, HISTORY_LENGTH } from '../../../../src/main/monitor/activity-rows'
import type { RowDraft } from '../../../../src/main/monitor/rows'
import type { ActivitySample } from '../../../../src/shared/activity'

const row = (id: string): RowDraft => ({ id, protocol: 'tcp', address: '127.0.0.1', port: 1 }) as unknown as RowDraft
const sample = (id: string, rate: number, bytes = 0): ActivitySample => ({
  id, connections: 1, acceptQueue: 0, acceptBacklog: 511, bytesSent: bytes, bytesReceived: bytes, sendRate: rate, receiveRate: 0, rttMs: 0.1,
})

describe('ActivityRows', () => {
  it('adds one rate per poll to each sparkline, keeping the last HISTORY_LENGTH', () => {
    const activity = new ActivityRows()
    const rows = [row('a'), row('b')]
    let out: RowDraft[] = []
    for (let poll = 1; poll <= HISTORY_LENGTH + 5; poll++) out = activity.apply(rows, [sample('a', poll)])
    expect(out[0]?.activity?.history).toEqual(Array.from({ length: HISTORY_LENGTH }, (_, i) => i + 6))
    expect(out[1]).toBe(rows[1])
    expect(activity.moving).toBe(true)
  })

  it('gives back last poll\'s row object while its row, measure and sparkline stay, and a new one when any moves', () => {
    const activity = new ActivityRows()
    const rows = [row('a'), row('b')]
    const still = [sample('a', 0, 10), sample('b', 0, 20)]
    let first: RowDraft[] = []
    for (let poll = 0; poll < HISTORY_LENGTH; poll++) first = activity.apply(rows, still)
    expect(activity.moving).toBe(false)
    const again = activity.apply(rows, [sample('a', 0, 10), sample('b', 0, 20)])
    expect(again[0]).toBe(first[0])
    expect(again[1]).toBe(first[1])
    // b's bytes move: b is a new object with the new totals, a stays the same object.
    const busy = activity.apply(rows, [sample('a', 0, 10), sample('b', 5, 25)])
    expect(busy[0]).toBe(first[0])
    expect(busy[1]).not.toBe(first[1])
    expect(busy[1]?.activity).toMatchObject({ bytesSent: 25, sendRate: 5 })
    expect(busy[1]?.activity?.history.at(-1)).toBe(5)
    expect(first[1]?.activity?.history.at(-1)).toBe(0)
    expect(activity.moving).toBe(true)
    // A new row object (its records changed) is never answered with the old one.
    const rebuilt = [row('a'), rows[1] ?? row('b')]
    expect(activity.apply(rebuilt, [sample('a', 0, 10), sample('b', 5, 25)])[0]).not.toBe(first[0])
  })
})
