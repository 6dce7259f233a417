import { useCallback, useMemo, useRef } from 'react'
import type { Row } from '../../shared/row'
import { RowActions } from './components/actions/RowActions'
import { AlertToasts } from './components/notices/AlertToasts'
import { NoticesBanner } from './components/notices/NoticesBanner'
import { StoryPanel } from './components/story/StoryPanel'
import { StaleBanner } from './components/status/StaleBanner'
import { StatusBar } from './components/status/StatusBar'
import { NoMatch } from './components/table/NoMatch'
import { PortTable } from './components/table/PortTable'
import { ExportButtons } from './components/toolbar/ExportButtons'
import { FilterBar } from './components/toolbar/FilterBar'
import { PauseButton } from './components/toolbar/PauseButton'
import { PortSearch } from './components/toolbar/PortSearch'
import { SettingsButton } from './components/toolbar/SettingsButton'
import { useGlobalKeys } from './lib/use-global-keys'
import { useMonitor } from './store/monitor-context'
import { liveCount, type TrackedRow } from './store/row-model'
import { useViewStore, type StoryTarget } from './store/view-store'
import { useVisibleRows } from './store/visible-rows'

export function App() {
  const phase = useMonitor((s) => s.phase)
  const table = useMonitor((s) => s.table)
  const status = useMonitor((s) => s.status)
  const loadError = useMonitor((s) => s.loadError)
  const story = useViewStore((s) => s.story)
  const selectedId = useViewStore((s) => s.selectedId)
  const openStory = useViewStore((s) => s.openStory)
  const closeStory = useViewStore((s) => s.closeStory)
  const filterRef = useRef<HTMLInputElement>(null)
  useGlobalKeys(filterRef, closeStory)

  const visible = useVisibleRows()
  // Actions apply to a listed row only: one fading out after it left has nothing left to act on.
  const selected = selectedId === null ? undefined : table.byId.get(selectedId)
  const selectedRow = selected && selected.change !== 'removed' ? selected.row : null
  const live = useMemo(() => liveCount(table), [table])

  const openRow = useCallback((tracked: TrackedRow) => openStory({ port: tracked.row.port, protocol: tracked.row.protocol }), [openStory])
  const openTarget = useCallback((target: StoryTarget) => openStory(target), [openStory])
  const openRowStory = useCallback((row: Row) => openStory({ port: row.port, protocol: row.protocol }), [openStory])

  const emptyMessage =
    phase !== 'ready' ? (
      <span className="first-load">{phase === 'failed' ? 'Waiting for the monitor…' : 'Looking for listening sockets…'}</span>
    ) : table.byId.size === 0 ? (
      status?.state === 'starting' ? 'Looking for listening sockets…' : 'Nothing is listening on this machine right now.'
    ) : (
      <NoMatch what="listener" />
    )

  return (
    <div className={`app${story ? ' with-story' : ''}`}>
      <header className="toolbar">
        <h1 className="app-title">Portolan</h1>
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
      <RowActions row={selectedRow} onStory={openRowStory} />
      <main className="workspace">
        <PortTable visible={visible} seq={table.seq} emptyMessage={emptyMessage} onOpen={openRow} />
        {story && (
          <div className="story-pane">
            <StoryPanel key={`${story.port}/${story.protocol ?? ''}`} port={story.port} protocol={story.protocol} onClose={closeStory} />
          </div>
        )}
      </main>
      <StatusBar status={status} liveCount={live} shownCount={visible.liveCount} />
      <AlertToasts />
    </div>
  )
}
