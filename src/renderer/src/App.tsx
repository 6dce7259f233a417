import { useContext, useEffect, useMemo, useRef } from 'react'
import type { Row } from '../../shared/row'
import { ContextMenu } from './components/actions/ContextMenu'
import { RowActions } from './components/actions/RowActions'
import { AlertToasts } from './components/notices/AlertToasts'
import { NoticesBanner } from './components/notices/NoticesBanner'
import { StoryPanel } from './components/story/StoryPanel'
import { StaleBanner } from './components/status/StaleBanner'
import { StatusBar } from './components/status/StatusBar'
import { NoMatch } from './components/table/NoMatch'
import { PortTable, type GridCommands } from './components/table/PortTable'
import { ExportButtons } from './components/toolbar/ExportButtons'
import { ExportResult } from './components/toolbar/ExportResult'
import { FilterBar } from './components/toolbar/FilterBar'
import { PauseButton } from './components/toolbar/PauseButton'
import { PortSearch } from './components/toolbar/PortSearch'
import { SettingsButton } from './components/toolbar/SettingsButton'
import { ViewTabs } from './components/toolbar/ViewTabs'
import { useSettingsStore } from './store/settings-store'
import { exportShown, togglePause } from './lib/page-commands'
import { runRowAction } from './lib/run-row-action'
import { useGlobalKeys } from './lib/use-global-keys'
import { useActionStore } from './store/action-store'
import { MonitorContext, useMonitor } from './store/monitor-context'
import { selectedInOrder } from './store/selection'
import { useViewStore, type StoryTarget } from './store/view-store'
import { useVisibleRows, visibleRowsNow } from './store/visible-rows'

export function App() {
  const monitor = useContext(MonitorContext)
  const phase = useMonitor((s) => s.phase)
  const table = useMonitor((s) => s.table)
  const status = useMonitor((s) => s.status)
  const loadError = useMonitor((s) => s.loadError)
  const story = useViewStore((s) => s.story)
  const selectedId = useViewStore((s) => s.selectedId)
  const selection = useViewStore((s) => s.selection)
  const openStory = useViewStore((s) => s.openStory)
  const closeStory = useViewStore((s) => s.closeStory)
  const filterRef = useRef<HTMLInputElement>(null)

  const visible = useVisibleRows()
  // Actions apply to listed rows only: one fading out after it left has nothing left to act on.
  const selectedRows = useMemo(() => {
    const rows: Row[] = []
    // Nothing selected: no need for the shown order (building it costs a pass over every row).
    if (selection.ids.size === 0) return rows
    for (const id of selectedInOrder(selection, visible.ids())) {
      const tracked = table.byId.get(id)
      if (tracked && tracked.change !== 'removed') rows.push(tracked.row)
    }
    return rows
  }, [selection, visible, table])
  const cursorTracked = selectedId === null ? undefined : table.byId.get(selectedId)
  const cursorRow = cursorTracked && cursorTracked.change !== 'removed' ? cursorTracked.row : null
  const view = useSettingsStore((s) => s.settings?.view ?? 'listeners')
  const live = visible.totalLive
  const noun = view === 'listeners' ? 'listener' : 'connection'

  // While the story is open it follows the selection's cursor when the cursor moves (click or arrow keys);
  // a story opened some other way (the port search, a toast) stays until the selection moves.
  const cursorPort = cursorRow ? `${cursorRow.port}/${cursorRow.protocol}` : null
  const followed = useRef(cursorPort)
  useEffect(() => {
    if (followed.current === cursorPort) return
    followed.current = cursorPort
    if (!cursorRow || useViewStore.getState().story === null) return
    openStory({ port: cursorRow.port, protocol: cursorRow.protocol })
  }, [cursorPort, cursorRow, openStory])

  const commands = useMemo<GridCommands>(() => {
    const selectedRowsNow = (): Row[] => {
      if (!monitor) return []
      const { byId } = monitor.getState().table
      const rows: Row[] = []
      for (const id of selectedInOrder(useViewStore.getState().selection, visibleRowsNow(monitor).ids())) {
        const tracked = byId.get(id)
        if (tracked && tracked.change !== 'removed') rows.push(tracked.row)
      }
      return rows
    }
    return {
      open: (tracked) => openStory({ port: tracked.row.port, protocol: tracked.row.protocol }),
      stop: () => runRowAction('stop', selectedRowsNow()),
      copy: () => runRowAction('copy-rows', selectedRowsNow()),
      menu: (x, y) => useActionStore.getState().openMenu(x, y),
    }
  }, [monitor, openStory])

  useGlobalKeys(filterRef, closeStory, {
    pause: () => monitor && void togglePause(monitor).catch((error: unknown) => console.warn('portolan: could not change pause:', error)),
    exportCsv: () => monitor && void exportShown(monitor, 'csv'),
  })

  const openTarget = (target: StoryTarget) => openStory(target)

  const emptyMessage =
    phase !== 'ready' ? (
      <span className="first-load">{phase === 'failed' ? 'Waiting for the monitor…' : 'Looking for listening sockets…'}</span>
    ) : live === 0 && view === 'connections' ? (
      status?.connectionCount === undefined || status.state === 'starting' ? 'Looking for connections…' : 'No connections right now.'
    ) : live === 0 ? (
      status?.state === 'starting' ? 'Looking for listening sockets…' : 'Nothing is listening on this machine right now.'
    ) : (
      <NoMatch what={noun} />
    )

  return (
    <div className={`app${story ? ' with-story' : ''}`}>
      <header className="toolbar">
        <h1 className="app-title">Portolan</h1>
        <ViewTabs />
        <FilterBar ref={filterRef} />
        <PortSearch onOpen={openTarget} />
        <div className="toolbar-actions">
          <ExportButtons />
          <PauseButton />
          <SettingsButton />
        </div>
      </header>
      <NoticesBanner />
      <StaleBanner status={status} loadError={loadError} />
      <div className="action-line">
        <RowActions rows={selectedRows} />
        <ExportResult />
      </div>
      <main className="workspace">
        <PortTable visible={visible} seq={table.seq} emptyMessage={emptyMessage} label={view === 'listeners' ? 'Listening sockets' : 'Connections'} commands={commands} />
        {story && (
          <div className="story-pane">
            <StoryPanel key={`${story.port}/${story.protocol ?? ''}`} port={story.port} protocol={story.protocol} onClose={closeStory} />
          </div>
        )}
      </main>
      <StatusBar status={status} liveCount={live} shownCount={visible.liveCount} noun={noun} />
      <ContextMenu rows={selectedRows} />
      <AlertToasts />
    </div>
  )
}


