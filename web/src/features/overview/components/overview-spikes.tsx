import Link from 'next/link'
import { formatCount, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { loadOverviewSpikes } from '../overview-data'

/** The window's denial spikes (newest first) and how many alert rules watch the project. */
export async function OverviewSpikes({
  projectId,
  window,
  range,
}: {
  projectId: string
  window: PageWindow
  range: Record<string, string | string[] | undefined>
}) {
  const { denials, alertRules } = await loadOverviewSpikes(projectId, window)
  const spikes = denials.series.filter((b) => b.spike).reverse()
  const enabled = alertRules.filter((r) => r.enabled).length
  return (
    <div className="card">
      <h2>Denial spikes</h2>
      {spikes.length === 0 ? (
        <p className="muted">No denial spikes in this range.</p>
      ) : (
        <ul className="plain-list">
          {spikes.slice(0, 5).map((b) => (
            <li key={b.start}>
              <Link href={links.denials(projectId, undefined, range)}>{formatTimestamp(b.start)} UTC</Link>:{' '}
              {formatCount(b.denials)} denials of {formatCount(b.calls)} calls
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        {enabled === 0
          ? 'No alert rule is enabled: spikes are shown here but nobody is told.'
          : `${enabled} alert rule${enabled === 1 ? '' : 's'} enabled.`}{' '}
        <Link href={links.section(projectId, 'settings', range)}>Alert rules</Link>
      </p>
    </div>
  )
}
