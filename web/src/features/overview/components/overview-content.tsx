import Link from 'next/link'
import { OrNone } from '../../../components/cells'
import { TrafficCharts } from '../../../components/charts/traffic-charts'
import { NoCallsState } from '../../../components/empty-state'
import { KpiTiles } from '../../../components/kpi-tile'
import { formatCount } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { prepareTraffic } from '../../../lib/traffic'
import { loadOverview } from '../overview-data'

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
  const view = prepareTraffic(data.current, data.previous)
  if (view.empty) return <NoCallsState />
  return (
    <>
      <KpiTiles kpis={view.kpis} />
      <TrafficCharts view={view} spanMs={window.spanMs} latency />
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
      </section>
    </>
  )
}
