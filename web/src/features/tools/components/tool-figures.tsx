import { TimeSeriesChart } from '../../../components/charts/time-series-chart'
import { EmptyState } from '../../../components/empty-state'
import { KpiTile } from '../../../components/kpi-tile'
import { prepareToolFigures } from '../prepare'
import { loadToolFigures } from '../tools-data'
import type { ToolSectionProps } from './tool-page'

/** The tool's KPI tiles against the previous period, and its calls, errors and denials over time. */
export async function ToolFigures({ projectId, serverName, tool, window }: ToolSectionProps) {
  const view = prepareToolFigures(await loadToolFigures(projectId, window, serverName, tool))
  if (view.empty) {
    return (
      <EmptyState title={`No calls of ${tool} on ${serverName} in this time range`}>
        <p>
          Either the tool was not called in the range, or no instrumented server of this name serves it. A
          wider time range may show older calls; its definition history (below) lists what tools/list
          reported.
        </p>
      </EmptyState>
    )
  }
  return (
    <>
      <section className="kpis" aria-label="Key figures of the tool">
        {view.kpis.map((kpi) => (
          <KpiTile key={kpi.label} {...kpi} />
        ))}
      </section>
      <section className="grid-2">
        <div className="card">
          <h2>Calls, errors and denials</h2>
          <TimeSeriesChart
            label={`Calls, errors and denials of ${tool} per bucket`}
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
          <h2>Denial and error rates</h2>
          <TimeSeriesChart
            label={`Denial and error rate of ${tool} per bucket`}
            points={view.rates}
            spanMs={window.spanMs}
            format="percent"
            series={[
              { key: 'denialRate', label: 'Denial rate', color: 'var(--series-bad)', shape: 'line' },
              { key: 'errorRate', label: 'Error rate', color: 'var(--series-warn)', shape: 'line' },
            ]}
          />
        </div>
      </section>
    </>
  )
}
