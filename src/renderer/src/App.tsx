import { useCallback, useMemo, useRef } from 'react'
import { StoryPanel } from './components/story/StoryPanel'
import { StaleBanner } from './components/status/StaleBanner'
import { StatusBar } from './components/status/StatusBar'
import { PortTable } from './components/table/PortTable'
import { FilterBar } from './components/toolbar/FilterBar'
import { PortSearch } from './components/toolbar/PortSearch'
import { useGlobalKeys } from './lib/use-global-keys'
import { useMonitor } from './store/monitor-context'
import { rowMatcher } from './store/row-filter'
import { liveCount, type TrackedRow } from './store/row-model'
import { useViewStore, type StoryTarget } from './store/view-store'

export function App() {
  const phase = useMonitor((s) => s.phase)
  const table = useMonitor((s) => s.table)
  const status = useMonitor((s) => s.status)
  const loadError = useMonitor((s) => s.loadError)
  const filter = useViewStore((s) => s.filter)
  const story = useViewStore((s) => s.story)
  const openStory = useViewStore((s) => s.openStory)
  const closeStory = useViewStore((s) => s.closeStory)
  const filterRef = useRef<HTMLInputElement>(null)
  useGlobalKeys(filterRef, closeStory)

  const allRows = useMemo(() => [...table.byId.values()], [table])
  const shownRows = useMemo(() => {
    const matches = rowMatcher(filter)
    return allRows.filter((tracked) => matches(tracked.row))
  }, [allRows, filter])
  const live = useMemo(() => liveCount(table), [table])
  const shownLive = useMemo(() => shownRows.reduce((n, tracked) => n + (tracked.change === 'removed' ? 0 : 1), 0), [shownRows])

  const openRow = useCallback((tracked: TrackedRow) => openStory({ port: tracked.row.port, protocol: tracked.row.protocol }), [openStory])
  const openTarget = useCallback((target: StoryTarget) => openStory(target), [openStory])

  const emptyMessage =
    phase !== 'ready' ? (
      <span className="first-load">{phase === 'failed' ? 'Waiting for the monitor…' : 'Looking for listening sockets…'}</span>
    ) : allRows.length === 0 ? (
      status?.state === 'starting' ? 'Looking for listening sockets…' : 'Nothing is listening on this machine right now.'
    ) : (
      'No listener matches the filter.'
    )

  return (
    <div className={`app${story ? ' with-story' : ''}`}>
      <header className="toolbar">
        <h1 className="app-title">Portolan</h1>
        <FilterBar ref={filterRef} />
        <PortSearch onOpen={openTarget} />
      </header>
      <StaleBanner status={status} loadError={loadError} />
      <main className="workspace">
        <PortTable rows={shownRows} seq={table.seq} emptyMessage={emptyMessage} onOpen={openRow} />
        {story && (
          <div className="story-pane">
            <StoryPanel key={`${story.port}/${story.protocol ?? ''}`} port={story.port} protocol={story.protocol} onClose={closeStory} />
          </div>
        )}
      </main>
      <StatusBar status={status} liveCount={live} shownCount={shownLive} />
    </div>
  )
}
