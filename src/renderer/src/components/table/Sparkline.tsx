/** A tiny line of recent values, scaled to its own maximum; nothing when there is nothing to show. */
export function Sparkline({ values, width = 48, height = 14 }: { values: readonly number[]; width?: number; height?: number }) {
  if (values.length < 2 || values.every((v) => v === 0)) return null
  const max = Math.max(...values)
  const step = width / (values.length - 1)
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`).join(' ')
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  )
}
