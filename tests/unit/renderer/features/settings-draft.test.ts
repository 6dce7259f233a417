import { describe, expect, it } from 'vitest'
import { draftFrom, patchFrom } from '../../../../src/renderer/src/components/settings/settings-draft'
import { DEFAULT_SETTINGS, SettingsPatchSchema } from '../../../../src/shared/settings'
import * as v from 'valibot'

describe('settings form', () => {
  it('round-trips the saved settings (filters are the filter bar\'s; layout and view the table\'s)', () => {
    const { filters: _filters, columnWidths: _widths, columnOrder: _order, view: _view, ...rest } = DEFAULT_SETTINGS
    expect(patchFrom(draftFrom(DEFAULT_SETTINGS))).toEqual(rest)
  })

  it('reads seconds, port lists (with /tcp) and comma-separated names with spaces', () => {
    const patch = patchFrom({
      ...draftFrom(DEFAULT_SETTINGS),
      pollSeconds: ' 0.25 ',
      alertsEnabled: true,
      watchedPorts: '3000, 8080/tcp 3000\n5432',
      processNames: 'postgres, Google Chrome ,',
    })
    expect(patch.pollIntervalMs).toBe(250)
    expect(patch.alerts).toEqual({ enabled: true, watchedPorts: [3000, 8080, 5432], processNames: ['postgres', 'Google Chrome'], exposedBeyondLoopback: false })
    expect(v.safeParse(SettingsPatchSchema, patch).success).toBe(true)
  })

  it('says which text is not a number or a port', () => {
    expect(() => patchFrom({ ...draftFrom(DEFAULT_SETTINGS), pollSeconds: 'soon' })).toThrow('"soon" is not a number of seconds')
    expect(() => patchFrom({ ...draftFrom(DEFAULT_SETTINGS), watchedPorts: '80, http' })).toThrow(/"http" is not a port/)
  })
})

describe('settings errors in the form\'s words', () => {
  it('refuses an interval below or above the range in seconds, before asking main', async () => {
    const { patchFrom, draftFrom } = await import('../../../../src/renderer/src/components/settings/settings-draft')
    const { DEFAULT_SETTINGS } = await import('../../../../src/shared/settings')
    expect(() => patchFrom({ ...draftFrom(DEFAULT_SETTINGS), pollSeconds: '0.1' })).toThrow('Poll interval must be at least 0.25 s')
    expect(() => patchFrom({ ...draftFrom(DEFAULT_SETTINGS), pollSeconds: '61' })).toThrow('Poll interval must be at most 60 s')
  })

  it("turns main's schema paths and milliseconds into the field's label and seconds", async () => {
    const { settingsErrorText } = await import('../../../../src/renderer/src/components/settings/settings-draft')
    expect(settingsErrorText('pollIntervalMs: interval must be at least 250 ms')).toBe('Poll interval: must be at least 0.25 s')
    expect(settingsErrorText('alerts.watchedPorts.3: port must be between 0 and 65535')).toBe('Watched ports: port must be between 0 and 65535')
    expect(settingsErrorText('disk full')).toBe('disk full')
  })
})
