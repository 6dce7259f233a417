// What every component test starts from: the real stores at their initial state, window.portolan as a
// recording fake, and nothing left on the page from the test before.
import { cleanup, render, type RenderResult } from '@testing-library/react'
import type { ReactElement } from 'react'
import { afterEach } from 'vitest'
import type { StoreApi } from 'zustand/vanilla'
import { MonitorContext } from '../../../../../src/renderer/src/store/monitor-context'
import { createMonitorStore, type MonitorState } from '../../../../../src/renderer/src/store/monitor-store'
import { useActionStore } from '../../../../../src/renderer/src/store/action-store'
import { useExportStore } from '../../../../../src/renderer/src/store/export-store'
import { startSettingsSync, useSettingsStore } from '../../../../../src/renderer/src/store/settings-store'
import { App } from '../../../../../src/renderer/src/App'
import type { Row } from '../../../../../src/shared/row'
import { useViewStore } from '../../../../../src/renderer/src/store/view-store'
import { installDialogFill } from './dialog-fill'
import { installGridLayout } from './layout-fill'
import { createFakeApi, settingsAnswers, type Answers, type FakeApi } from './fake-api'
import { snapshotOf } from './rows'

installDialogFill()
installGridLayout()

function resetStores(): void {
  useActionStore.setState(useActionStore.getInitialState(), true)
  useExportStore.setState(useExportStore.getInitialState(), true)
  useSettingsStore.setState(useSettingsStore.getInitialState(), true)
  useViewStore.setState(useViewStore.getInitialState(), true)
}

const disconnects: (() => void)[] = []

afterEach(() => {
  cleanup()
  for (const disconnect of disconnects.splice(0)) disconnect()
  resetStores()
})

/** Puts a recording fake behind window.portolan, answering as given. */
export function fakePortolan(answers: Answers = {}): FakeApi {
  const fake = createFakeApi(answers)
  window.portolan = fake.api
  return fake
}

/** A monitor store connected to window.portolan (snapshot, then deltas), as main.tsx makes it. */
export function connectedMonitor(): StoreApi<MonitorState> {
  const monitor = createMonitorStore(window.portolan)
  disconnects.push(monitor.connect())
  return monitor.store
}

/** Renders `ui` inside the page's monitor context. */
export function renderInPage(ui: ReactElement, monitor: StoreApi<MonitorState> = connectedMonitor()): RenderResult & { monitor: StoreApi<MonitorState> } {
  return { ...render(<MonitorContext.Provider value={monitor}>{ui}</MonitorContext.Provider>), monitor }
}

/**
 * The whole page as main.tsx starts it (monitor store, settings sync), over the given rows, with main
 * answering `answers` on top of a snapshot of `rows`, the default settings and no notices.
 */
export function renderApp(rows: Row[], answers: Answers = {}): RenderResult & { monitor: StoreApi<MonitorState>; fake: FakeApi } {
  const fake = fakePortolan({ snapshot: () => snapshotOf(1, rows), notices: () => [], ...settingsAnswers(), ...answers })
  disconnects.push(startSettingsSync(fake.api))
  return { ...renderInPage(<App />), fake }
}

/** The ports of the rows the grid shows, in its order. */
export function shownPorts(container: HTMLElement = document.body): number[] {
  return [...container.querySelectorAll<HTMLElement>('[role="row"][data-port]')].map((row) => Number(row.dataset.port))
}
