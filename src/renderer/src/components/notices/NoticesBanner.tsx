import '../../styles/features.css'
import { useEffect, useState } from 'react'
import { portolanApi } from '../../lib/portolan-api'

/** Problems main met loading the user's files (a corrupt file moved aside, defaults used), shown once. */
export function NoticesBanner() {
  const [notices, setNotices] = useState<string[]>([])
  useEffect(() => {
    let current = true
    portolanApi()
      .notices()
      // A host that cannot answer (the preview with only snapshot and story) has nothing to report.
      .then((found) => current && setNotices(found), () => undefined)
    return () => {
      current = false
    }
  }, [])
  if (notices.length === 0) return null
  return (
    <div className="banner notices-banner" role="alert">
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setNotices([])}>
        Dismiss
      </button>
    </div>
  )
}
