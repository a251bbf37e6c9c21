import Link from 'next/link'
import { TimeSeriesChart } from '../../../components/charts/time-series-chart'
import { EmptyState, InstrumentHint } from '../../../components/empty-state'
import { KpiTile } from '../../../components/kpi-tile'
import { formatCount } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { loadOverview } from '../overview-data'
import { prepareOverview } from '../prepare'

/** Tiles, the two charts and the top lists of one window. */
export async function OverviewContent({
  projectId,
  window,
  range,
}: {
  projectId: string
  window: PageWindow
  range: Record<string, string | string[] | undefined>
}) {
  const data = await loadOverview(projectId, window)
  const view = prepareOverview(data)
  if (view.empty) {
    return (
      <EmptyState title="No MCP calls in this time range">
        <InstrumentHint />
      </EmptyState>
    )
  }
  return (
    <>
      <section className="kpis" aria-label="Key figures">
        {view.kpis.map((kpi) => (
          <KpiTile key={kpi.label} {...kpi} />
        ))}
      </section>
      <section className="grid-2">
        <div className="card">
          <h2>Calls, errors and denials</h2>
          <TimeSeriesChart
            label="Calls, errors and denials per bucket"
            points={view.volume}
            spanMs={window.spanMs}
            format="count"
            series={[
              { key: 'calls', label: 'Calls', color: 'var(--series-1)', shape: 'area' },
              { key: 'errors', label: 'Errors', color: 'var(--series-warn)', shape: 'line' },
              { key: 'denials', label: 'Denials', color: 'var(--series-bad)', shape: 'line' },
            ]}
          />
        </div>
        <div className="card">
          <h2>Rates and latency</h2>
          <TimeSeriesChart
            label="Denial rate, error rate and p95 latency per bucket"
            points={view.quality}
            spanMs={window.spanMs}
            format="percent"
            rightFormat="duration"
            series={[
              { key: 'denialRate', label: 'Denial rate', color: 'var(--series-bad)', shape: 'line' },
              { key: 'errorRate', label: 'Error rate', color: 'var(--series-warn)', shape: 'line' },
              { key: 'p95', label: 'p95 latency', color: 'var(--series-2)', shape: 'line', axis: 'right' },
            ]}
          />
        </div>
      </section>
      <section className="grid-2">
        <div className="card">
          <h2>Most misused tools</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Tool</th>
                <th scope="col" className="num">
                  Calls
                </th>
                <th scope="col" className="num">
                  Errors
                </th>
                <th scope="col" className="num">
                  Denials
                </th>
              </tr>
            </thead>
            <tbody>
              {data.tools.items.map((t) => (
                <tr key={`${t.serverName}/${t.tool}`}>
                  <td>
                    <Link href={links.tool(projectId, t.serverName, t.tool, range)}>{t.tool}</Link>{' '}
                    <span className="muted small">{t.serverName}</span>
                  </td>
                  <td className="num">{formatCount(t.calls)}</td>
                  <td className="num">{formatCount(t.errors)}</td>
                  <td className="num">{formatCount(t.denials)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card">
          <h2>Most denied users</h2>
          {data.deniedUsers.groups.length === 0 ? (
            <p className="muted">No denials in this range.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col" className="num">
                    Denials
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.deniedUsers.groups.map((g) => (
                  <tr key={g.key}>
                    <td>
                      {g.key === '' ? (
                        <span className="muted">(no user on the call)</span>
                      ) : (
                        <Link href={links.sessions(projectId, { user: g.key, outcome: 'DENIED' }, range)}>
                          {g.key}
                        </Link>
                      )}
                    </td>
                    <td className="num">{formatCount(g.denials)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
    </>
  )
}
