import { useEffect, useState } from 'react'
import type { Snapshot } from '../../shared/row'

export function App() {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null)
  useEffect(() => {
    void window.portolan.snapshot().then(setSnapshot)
  }, [])
  return (
    <main>
      <h1>Portolan</h1>
      <p>{snapshot ? `${snapshot.rows.length} listening sockets` : 'Loading…'}</p>
    </main>
  )
}
