import type { TrafficView } from '../../lib/traffic'
import type { ChartSeries } from './chart-types'
import { TimeSeriesChart } from './time-series-chart'

const VOLUME: ChartSeries[] = [
  { key: 'calls', label: 'Calls', color: 'var(--series-1)', shape: 'area' },
  { key: 'errors', label: 'Errors', color: 'var(--series-warn)', shape: 'line' },
  { key: 'denials', label: 'Denials', color: 'var(--series-bad)', shape: 'line' },
]

const RATES: ChartSeries[] = [
  { key: 'denialRate', label: 'Denial rate', color: 'var(--series-bad)', shape: 'line' },
  { key: 'errorRate', label: 'Error rate', color: 'var(--series-warn)', shape: 'line' },
]

const P95: ChartSeries = {
  key: 'p95',
  label: 'p95 latency',
  color: 'var(--series-2)',
  shape: 'line',
  axis: 'right',
}

/**
 * The two traffic charts side by side: calls, errors and denials per bucket, and the denial and
 * error rates (with p95 latency on a right axis when `latency`). Shared by the Overview and a
 * tool's page so both draw the same figures the same way; `subject` ("of search_contacts")
 * goes into the charts' accessible labels.
 */
export function TrafficCharts({
  view,
  spanMs,
  latency,
  subject,
}: {
  view: Pick<TrafficView, 'volume' | 'rates'>
  spanMs: number
  latency: boolean
  subject?: string
}) {
  const of = subject === undefined ? '' : ` of ${subject}`
  return (
    <section className="grid-2">
      <div className="card">
        <h2>Calls, errors and denials</h2>
        <TimeSeriesChart
          label={`Calls, errors and denials${of} per bucket`}
          points={view.volume}
          spanMs={spanMs}
          format="count"
          series={VOLUME}
        />
      </div>
      <div className="card">
        <h2>{latency ? 'Rates and latency' : 'Denial and error rates'}</h2>
        <TimeSeriesChart
          label={
            latency
              ? `Denial rate, error rate and p95 latency${of} per bucket`
              : `Denial and error rate${of} per bucket`
          }
          points={view.rates}
          spanMs={spanMs}
          format="percent"
          rightFormat={latency ? 'duration' : undefined}
          series={latency ? [...RATES, P95] : RATES}
        />
      </div>
    </section>
  )
}
