import Link from 'next/link'
import { OrNone } from '../../../components/cells'
import { formatCount, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { loadOverviewDenials } from '../overview-data'

type Range = Record<string, string | string[] | undefined>

/** The window's most denied users and its denial spikes (newest first), with the alert rules' state. */
export async function OverviewDenials({
  projectId,
  window,
  range,
}: {
  projectId: string
  window: PageWindow
  range: Range
}) {
  const { denials, alertRules } = await loadOverviewDenials(projectId, window)
  const spikes = denials.series.filter((b) => b.spike).reverse()
  const enabled = alertRules.filter((r) => r.enabled).length
  const bucketEnd = (start: string) =>
    new Date(Date.parse(start) + denials.bucketSeconds * 1000).toISOString()
  return (
    <section className="grid-2">
      <div className="card">
        <h2>Most denied users</h2>
        {denials.groups.length === 0 ? (
          <p className="muted">No denials in this range.</p>
        ) : (
          <table className="table" aria-label="Most denied users">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col" className="num">
                  Denials
                </th>
              </tr>
            </thead>
            <tbody>
              {denials.groups.map((g) => (
                <tr key={g.key}>
                  <td>
                    <OrNone value={g.key} none="(no user on the call)">
                      <Link href={links.deniedSessions(projectId, g.key, range)}>{g.key}</Link>
                    </OrNone>
                  </td>
                  <td className="num">{formatCount(g.denials)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2>Denial spikes</h2>
        {spikes.length === 0 ? (
          <p className="muted">No denial spikes in this range.</p>
        ) : (
          <ul className="plain-list">
            {spikes.slice(0, 5).map((b) => (
              <li key={b.start}>
                <Link href={links.denials(projectId, 'USER', { from: b.start, to: bucketEnd(b.start) })}>
                  {formatTimestamp(b.start)} UTC
                </Link>
                : {formatCount(b.denials)} denials of {formatCount(b.calls)} calls
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">
          {enabled === 0
            ? 'No alert rule is enabled.'
            : `${enabled} alert rule${enabled === 1 ? '' : 's'} enabled.`}{' '}
          {/* NB: say so until the evaluator exists; an enabled rule must not read as a watched one. */}
          This version stores alert rules but does not evaluate or deliver them yet.{' '}
          <Link href={links.section(projectId, 'settings', range)}>Alert rules</Link>
        </p>
      </div>
    </section>
  )
}
