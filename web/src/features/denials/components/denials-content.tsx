import { TimeSeriesChart } from '../../../components/charts/time-series-chart'
import { NoCallsState } from '../../../components/empty-state'
import { KpiTiles } from '../../../components/kpi-tile'
import type { DenialDimension } from '../../../graphql/generated'
import type { PageWindow } from '../../../lib/page-window'
import { loadDenials } from '../denials-data'
import { denialKpis, prepareDenials } from '../prepare'
import { DenialBreakdown } from './denial-breakdown'
import { DenialSources } from './denial-sources'
import { DenialSpikes } from './denial-spikes'

/** Tiles, how denials were decided, the rate chart with its spikes, and the breakdown. */
export async function DenialsContent({
  projectId,
  window,
  by,
  range,
}: {
  projectId: string
  window: PageWindow
  by: DenialDimension
  range: Record<string, string | string[] | undefined>
}) {
  const data = await loadDenials(projectId, window, by)
  const view = prepareDenials(data.denials)
  if (view.empty) return <NoCallsState />
  return (
    <>
      <KpiTiles kpis={denialKpis(data.denials, data.previous)} />
      <DenialSources parts={view.sources} total={data.denials.denials} />
      <section className="card">
        <h2>Denial rate</h2>
        <TimeSeriesChart
          label="Denial rate and denials per bucket, spikes marked"
          points={view.points}
          spanMs={window.spanMs}
          format="percent"
          rightFormat="count"
          series={[
            { key: 'denials', label: 'Denials', color: 'var(--series-warn)', shape: 'bar', axis: 'right' },
            { key: 'denialRate', label: 'Denial rate', color: 'var(--series-bad)', shape: 'line' },
          ]}
          markers={view.markers}
          markerSeries="denialRate"
        />
        <DenialSpikes projectId={projectId} spikes={view.spikes} />
      </section>
      <DenialBreakdown projectId={projectId} by={by} view={view} range={range} />
    </>
  )
}
