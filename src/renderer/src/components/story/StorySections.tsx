import type { Story, StoryCheck, StoryRegistryRecord, StorySection } from '../../../../shared/story'
import { CopyButton } from './CopyButton'
import { ExternalLink, RichText, sourceAnchorId } from './rich-text'

const OS_NAMES: Record<StoryCheck['os'], string> = { linux: 'Linux', macos: 'macOS', windows: 'Windows' }

function Paragraphs({ section, story }: { section: StorySection; story: Story }) {
  return section.paragraphs.map((paragraph, i) => (
    <p key={i}>
      <RichText text={paragraph} sources={story.sources} />
    </p>
  ))
}

function RecordRow({ record, story }: { record: StoryRegistryRecord; story: Story }) {
  const facts: [string, string | null][] = [
    ['Assignee', record.assignee],
    ['Contact', record.contact !== record.assignee ? record.contact : null],
    ['Registered', record.registered],
    ['Modified', record.modified],
    ['Unauthorized use reported', record.unauthorizedUse],
    ['Note', record.notes],
  ]
  return (
    <li className="story-record">
      <div className="story-record-head">
        <span className="story-proto">{record.protocol ?? 'any'}</span>
        <strong>{record.service ?? '(no service name)'}</strong>
        {record.ports.includes('-') && <span className="muted"> {record.ports}</span>}
        {record.description && <span> — {record.description}</span>}
        {record.source !== null && <RichText text={`[${record.source}]`} sources={story.sources} />}
      </div>
      <dl>
        {facts
          .filter((fact): fact is [string, string] => fact[1] !== null)
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        {record.references.length > 0 && (
          <div>
            <dt>Reference</dt>
            <dd>
              {record.references.map((ref, i) => (
                <span key={i}>
                  {i > 0 && ', '}
                  {ref.url ? <ExternalLink url={ref.url}>{ref.text}</ExternalLink> : ref.text}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </li>
  )
}

/** IANA's records said once (tcp and udp lines merged, notes once), with every record as IANA lists it on demand. */
function Records({ section, story }: { section: StorySection; story: Story }) {
  return (
    <>
      <Paragraphs section={section} story={story} />
      {story.records.length > 0 && (
        <details className="story-records-details">
          <summary>IANA's {story.records.length === 1 ? 'record' : `${story.records.length} records`}, as listed</summary>
          <ul className="story-records">
            {story.records.map((record, i) => (
              <RecordRow key={i} record={record} story={story} />
            ))}
          </ul>
        </details>
      )}
    </>
  )
}

/** The three ranges side by side, with how many ports the registry in use names in each. */
function Ranges({ story }: { story: Story }) {
  if (!story.scale) return null
  return (
    <table className="story-ranges">
      <thead>
        <tr>
          {story.scale.ranges.map((r) => (
            <th key={r.id} scope="col" className={r.id === story.range ? 'story-range-here' : undefined}>
              {r.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {story.scale.ranges.map((r) => (
            <td key={r.id} className={r.id === story.range ? 'story-range-here' : undefined}>
              {r.low}–{r.high}
              <br />
              <span className="muted">{r.id === 'dynamic' && r.named === 0 ? 'never assigned' : `${r.named.toLocaleString('en-US')} of ${r.size.toLocaleString('en-US')} named`}</span>
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  )
}

function Checks({ story }: { story: Story }) {
  return (
    <ul className="story-checks">
      {story.checks.map((check) => (
        <li key={check.command}>
          <span className="story-os">{OS_NAMES[check.os]}</span>
          <code>{check.command}</code>
          <CopyButton text={check.command} label={check.command} />
          {check.note && <span className="muted story-check-note">{check.note}</span>}
        </li>
      ))}
    </ul>
  )
}

export function StorySections({ story }: { story: Story }) {
  return story.sections.map((section) => (
    <section key={section.id} className={`story-section story-${section.id}`} aria-labelledby={`story-h-${section.id}`}>
      <h3 id={`story-h-${section.id}`}>{section.heading}</h3>
      {section.id === 'registry' ? (
        <Records section={section} story={story} />
      ) : section.id === 'check' ? (
        <Checks story={story} />
      ) : (
        <>
          <Paragraphs section={section} story={story} />
          {section.id === 'what' && <Ranges story={story} />}
        </>
      )}
    </section>
  ))
}

export function StorySources({ story }: { story: Story }) {
  return (
    <section className="story-section story-sources" aria-labelledby="story-h-sources">
      <h3 id="story-h-sources">Sources</h3>
      <ol>
        {story.sources.map((source) => (
          <li key={source.n} id={sourceAnchorId(source.n)}>
            <ExternalLink url={source.url}>{source.title}</ExternalLink>
          </li>
        ))}
      </ol>
    </section>
  )
}
