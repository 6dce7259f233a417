import { describe, expect, it } from 'vitest'
import { dumpFingerprint } from '../../../../../src/main/monitor/linux/dump-fingerprint'

function reply(seq: number, port: number, queue: number): Buffer {
  const message = Buffer.alloc(16 + 72)
  message.writeUInt32LE(message.length, 0)
  message.writeUInt16LE(20, 4)
  message.writeUInt32LE(seq, 8)
  message[16] = 2
  message[17] = 10
  message[18] = 1 // timer
  message.writeUInt16BE(port, 20)
  message.writeUInt32LE(queue, 16 + 56)
  message.writeUInt32LE(1234, 16 + 68)
  return message
}

describe('dumpFingerprint', () => {
  it('ignores sequence numbers, timers and queue lengths', () => {
    expect(dumpFingerprint([reply(1, 80, 0)]).equals(dumpFingerprint([reply(9, 80, 5)]))).toBe(true)
  })

  it('tells apart dumps of different sockets', () => {
    expect(dumpFingerprint([reply(1, 80, 0)]).equals(dumpFingerprint([reply(1, 81, 0)]))).toBe(false)
    expect(dumpFingerprint([reply(1, 80, 0)]).equals(dumpFingerprint([reply(1, 80, 0), reply(1, 80, 0)]))).toBe(false)
  })

  it('stops quietly at malformed bytes', () => {
    const garbled = reply(1, 80, 0)
    garbled.writeUInt32LE(9999, 0)
    expect(() => dumpFingerprint([garbled, Buffer.from([1, 2, 3])])).not.toThrow()
  })
})
