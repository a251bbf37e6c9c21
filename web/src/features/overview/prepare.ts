import type { ChartPoint } from '../../components/charts/chart-types'
import type { OverviewQuery } from '../../graphql/generated'
import { formatCount, formatDuration, formatPercent } from '../../lib/format'

/** A KPI tile's inputs. */
export interface Kpi {
  label: string
  value: string
  current: number | null
  previous: number | null
  worseWhen: 'up' | 'down' | 'neither'
}

/** The Overview, ready to draw. */
export interface OverviewView {
  empty: boolean
  kpis: Kpi[]
  /** calls, errors, denials per bucket. */
  volume: ChartPoint[]
  /** denial and error rates (0–1) and p95 per bucket; null where a bucket had no calls. */
  quality: ChartPoint[]
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)

/**
 * The Overview query's answer as tiles and chart points. Rates of a bucket without calls are
 * gaps (null), not zeros: "no traffic" must not read as "no denials".
 */
export function prepareOverview(data: OverviewQuery): OverviewView {
  const { current, previous } = data
  const hadPrevious = previous.calls > 0
  const kpis: Kpi[] = [
    {
      label: 'Calls',
      value: formatCount(current.calls),
      current: current.calls,
      previous: previous.calls,
      worseWhen: 'neither',
    },
    {
      label: 'Error rate',
      value: formatPercent(current.errorRate),
      current: current.errorRate,
      previous: hadPrevious ? previous.errorRate : null,
      worseWhen: 'up',
    },
    {
      label: 'Denial rate',
      value: formatPercent(current.denialRate),
      current: current.denialRate,
      previous: hadPrevious ? previous.denialRate : null,
      worseWhen: 'up',
    },
    {
      label: 'p95 latency',
      value: formatDuration(current.p95Ms),
      current: current.p95Ms,
      previous: previous.p95Ms,
      worseWhen: 'up',
    },
  ]
  const volume: ChartPoint[] = []
  const quality: ChartPoint[] = []
  for (const bucket of current.series) {
    const t = Date.parse(bucket.start)
    volume.push({ t, calls: bucket.calls, errors: bucket.errors, denials: bucket.denials })
    quality.push({
      t,
      denialRate: rate(bucket.denials, bucket.calls),
      errorRate: rate(bucket.errors, bucket.calls),
      p95: bucket.calls > 0 ? bucket.p95Ms : null,
    })
  }
  return { empty: current.calls === 0, kpis, volume, quality }
}
