import Link from 'next/link'
import { TrafficCharts } from '../../../components/charts/traffic-charts'
import { NoCallsState } from '../../../components/empty-state'
import { KpiTiles } from '../../../components/kpi-tile'
import { formatCount } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { prepareTraffic } from '../../../lib/traffic'
import { loadOverview } from '../overview-data'

/** Tiles, the two charts and the busiest tools of one window. */
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
      <section className="card">
        <h2>Busiest tools</h2>
        <table className="table" aria-label="Busiest tools">
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
            {data.busiestTools.map((t) => (
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
        <p className="muted small">
          Misuse signals (retry loops, unknown tools, writes without approval) are ranked on{' '}
          <Link href={links.section(projectId, 'tools', range)}>Tools</Link>.
        </p>
      </section>
    </>
  )
}
