import { forwardRef, useId } from 'react'
import type { Family, Protocol } from '../../../../shared/row'
import { familyKey, filterQuery } from '../../store/row-filter'
import { useViewStore } from '../../store/view-store'

const PROTOCOL_TOGGLES: { value: Protocol; label: string }[] = [
  { value: 'tcp', label: 'TCP' },
  { value: 'udp', label: 'UDP' },
]
const FAMILY_TOGGLES: { value: Family; label: string }[] = [
  { value: 4, label: 'IPv4' },
  { value: 6, label: 'IPv6' },
]

/** The text filter ("/" focuses it) and the protocol, family and exposure toggles. */
export const FilterBar = forwardRef<HTMLInputElement>(function FilterBar(_props, filterRef) {
  const filter = useViewStore((s) => s.filter)
  const setFilterText = useViewStore((s) => s.setFilterText)
  const toggleProtocol = useViewStore((s) => s.toggleProtocol)
  const toggleFamily = useViewStore((s) => s.toggleFamily)
  const setExposedOnly = useViewStore((s) => s.setExposedOnly)
  const problems = filterQuery(filter).problems
  const problemId = useId()
  return (
    <div className="filter-bar" role="search" aria-label="Filter listeners">
      <span className="filter-field">
        <input
          ref={filterRef}
          className="filter-input"
          type="search"
          placeholder="Filter: :3000 proc:node -user:root (press /)"
          title="Plain words match any column; also :3000, port:3000-3999, proc:, user:, proto:udp, exposure:all, state:, label:, cmd:, remote:; a leading - excludes"
          aria-label="Filter rows"
          aria-keyshortcuts="/"
          aria-invalid={problems.length > 0}
          aria-describedby={problems.length > 0 ? problemId : undefined}
          value={filter.text}
          onChange={(event) => setFilterText(event.target.value)}
        />
        {/* Positioned over the bar's edge, so a message never moves the toolbar. */}
        {problems.length > 0 && (
          <span id={problemId} className="filter-problem" role="status">
            {problems[0]}
          </span>
        )}
      </span>
      <fieldset className="toggle-group">
        <legend className="visually-hidden">Protocols</legend>
        {PROTOCOL_TOGGLES.map(({ value, label }) => (
          <label key={value} className="toggle">
            <input type="checkbox" checked={filter[value]} onChange={() => toggleProtocol(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="toggle-group">
        <legend className="visually-hidden">Address families</legend>
        {FAMILY_TOGGLES.map(({ value, label }) => (
          <label key={value} className="toggle">
            <input type="checkbox" checked={filter[familyKey(value)]} onChange={() => toggleFamily(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="toggle" title="Only sockets reachable from other machines (not loopback)">
        <input type="checkbox" checked={filter.exposedOnly} onChange={(event) => setExposedOnly(event.target.checked)} />
        Exposed only
      </label>
    </div>
  )
})
