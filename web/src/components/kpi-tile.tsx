import { type Change, formatChange } from '../lib/format'
import type { Kpi } from '../lib/kpi'

/**
 * One headline figure with its change against the previous period. `worseWhen` says which
 * direction is bad (more errors is bad, more calls is neither), so the colour means something.
 */
export function KpiTile(props: Kpi) {
  const change: Change = formatChange(props.current, props.previous)
  const tone =
    props.worseWhen === 'neither' || (change.direction !== 'up' && change.direction !== 'down')
      ? 'neutral'
      : change.direction === props.worseWhen
        ? 'bad'
        : 'good'
  return (
    <div className="card kpi">
      <div className="kpi-label">{props.label}</div>
      <div className="kpi-value">{props.value}</div>
      <div className={`kpi-change ${tone}`}>
        {change.text} <span className="muted">vs previous period</span>
      </div>
    </div>
  )
}

/** A page's row of headline tiles; `label` names the region for screen readers. */
export function KpiTiles({ kpis, label = 'Key figures' }: { kpis: readonly Kpi[]; label?: string }) {
  return (
    <section className="kpis" aria-label={label}>
      {kpis.map((kpi) => (
        <KpiTile key={kpi.label} {...kpi} />
      ))}
    </section>
  )
}
