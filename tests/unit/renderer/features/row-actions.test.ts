import { describe, expect, it } from 'vitest'
import { addressText, canOpenInBrowser, checkCommand, clientOs, rowText } from '../../../../src/renderer/src/lib/row-actions'
import { makeRow } from '../store/fixtures'

describe('row actions', () => {
  it('copies addresses as host:port, IPv6 in brackets', () => {
    expect(addressText(makeRow(8080))).toBe('127.0.0.1:8080')
    expect(addressText(makeRow(5353, { family: 6, address: '::1' }))).toBe('[::1]:5353')
    expect(addressText(makeRow(22, { family: 6, address: 'fe80::1%eth0' }))).toBe('[fe80::1%eth0]:22')
  })

  it('copies a row as the JSON export writes it', () => {
    const row = makeRow(8080)
    expect(JSON.parse(rowText(row))).toEqual(row)
  })

  it('tells the OS from navigator.platform and userAgent, Linux by default', () => {
    expect(clientOs('Linux x86_64', 'Mozilla/5.0 (X11; Linux x86_64)')).toBe('linux')
    expect(clientOs('MacIntel', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)')).toBe('macos')
    expect(clientOs('Win32', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toBe('windows')
    // "darwin" contains "win": still macOS.
    expect(clientOs('', 'node darwin')).toBe('macos')
    expect(clientOs('', '')).toBe('linux')
  })

  it('suggests the check command for the OS', () => {
    const row = makeRow(5432)
    expect(checkCommand(row, 'linux')).toBe("ss -ltnup 'sport = :5432'")
    expect(checkCommand(row, 'macos')).toBe('sudo lsof -nP -i :5432')
    expect(checkCommand(row, 'windows')).toBe('netstat -ano | findstr :5432')
  })

  it('offers "Open in browser" for TCP listeners only', () => {
    expect(canOpenInBrowser(makeRow(3000))).toBe(true)
    expect(canOpenInBrowser(makeRow(53, { protocol: 'udp', state: 'UNCONN' }))).toBe(false)
    expect(canOpenInBrowser(makeRow(3000, { state: 'ESTABLISHED' }))).toBe(false)
  })
})
