import { singlePortOf } from '../../../../shared/filter-query'
import { useViewStore } from '../../store/view-store'

/** What an empty result offers: clearing the filter, and the story of the port the filter names. */
export function NoMatch({ what }: { what: string }) {
  const text = useViewStore((s) => s.filter.text)
  const clearFilter = useViewStore((s) => s.clearFilter)
  const openStory = useViewStore((s) => s.openStory)
  const port = singlePortOf(text)
  return (
    <span className="no-match">
      <span>No {what} matches the filter.</span>
      <span className="no-match-actions">
        <button type="button" onClick={clearFilter}>
          Clear filters
        </button>
        {port !== null && (
          <button type="button" onClick={() => openStory({ port, protocol: null })}>
            Open the story of port {port}
          </button>
        )}
      </span>
    </span>
  )
}
