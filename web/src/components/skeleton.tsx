/** A grey placeholder of a given height while data loads; announced once to screen readers. */
export function Skeleton({ height = 16, width = '100%' }: { height?: number; width?: number | string }) {
  return <div className="skeleton" style={{ height, width }} aria-hidden="true" />
}

/** A loading region: a label for assistive technology and placeholder blocks. */
export function LoadingBlock({
  label,
  rows = 3,
  height = 24,
}: {
  label: string
  rows?: number
  height?: number
}) {
  return (
    <div className="card" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      <div className="loading-bar" aria-hidden="true" />
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders that never reorder
        <Skeleton key={i} height={height} />
      ))}
    </div>
  )
}
