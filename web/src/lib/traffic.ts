import type { ChartPoint } from '../components/charts/chart-types'
import type { PreviousTrafficFragment, TrafficFiguresFragment } from '../graphql/generated'
import { countKpi, durationKpi, type Kpi, rate, rateKpi } from './kpi'

/**
 * Calls, errors, denials and latency of a window (the `overview` query, for the whole project
 * or one tool; see graphql/operations/traffic.graphql), ready to draw. The Overview and a
 * tool's page show the same figures, so they are shaped here once.
 */
export interface TrafficView {
  /** No call in the window: show an empty state rather than zeros. */
  empty: boolean
  /** Calls, error rate, denial rate and p95 latency against the previous period. */
  kpis: Kpi[]
  /** calls, errors, denials per bucket. */
  volume: ChartPoint[]
  /** denialRate, errorRate (0–1) and p95 per bucket; null (a gap) where a bucket had no calls. */
  rates: ChartPoint[]
}

/** The window's figures (`current`) against the one before (`previous`) as tiles and chart points. */
export function prepareTraffic(
  current: TrafficFiguresFragment,
  previous: PreviousTrafficFragment,
): TrafficView {
  const kpis = [
    countKpi('Calls', current.calls, previous.calls, 'neither'),
    rateKpi(
      'Error rate',
      { calls: current.calls, rate: current.errorRate },
      { calls: previous.calls, rate: previous.errorRate },
    ),
    rateKpi(
      'Denial rate',
      { calls: current.calls, rate: current.denialRate },
      { calls: previous.calls, rate: previous.denialRate },
    ),
    durationKpi('p95 latency', current.p95Ms, previous.p95Ms),
  ]
  const volume: ChartPoint[] = []
  const rates: ChartPoint[] = []
  for (const bucket of current.series) {
    const t = Date.parse(bucket.start)
    volume.push({ t, calls: bucket.calls, errors: bucket.errors, denials: bucket.denials })
    // Rates of a bucket without calls are gaps, not zeros: "no traffic" must not read as "no denials".
    rates.push({
      t,
      denialRate: rate(bucket.denials, bucket.calls),
      errorRate: rate(bucket.errors, bucket.calls),
      p95: bucket.calls > 0 ? bucket.p95Ms : null,
    })
  }
  return { empty: current.calls === 0, kpis, volume, rates }
}
