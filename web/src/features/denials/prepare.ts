import type { ChartPoint } from '../../components/charts/chart-types'
import type { DenialDimension, DenialsQuery } from '../../graphql/generated'
import { countKpi, type Kpi, rate, rateKpi } from '../../lib/kpi'
import { OVERLAPPING } from './denials-url'

/** One spike bucket, with the window the Sessions link narrows to. */
export interface Spike {
  /** Bucket start, ISO 8601 (UTC, milliseconds). */
  from: string
  /** Bucket start + the bucket's length. */
  to: string
  denials: number
  calls: number
  rate: number
}

/** One row of the breakdown. */
export interface GroupRow {
  key: string
  denials: number
  /** Of the range's denials (0–1); null when there were none. */
  share: number | null
}

/** How the denials were decided, as parts of one bar. */
export interface SourcePart {
  key: 'explicit' | 'inferred' | 'auth'
  label: string
  help: string
  count: number
  /** Of all denials (0–1); 0 when there were none. */
  share: number
}

/** The Denials page, ready to draw. */
export interface DenialsView {
  empty: boolean
  /** Denial rate (0–1, null where a bucket had no calls) and denials per bucket. */
  points: ChartPoint[]
  /** Dots on the rate line where a bucket is a spike. */
  markers: { t: number; value: number }[]
  /** Spike buckets, newest first. */
  spikes: Spike[]
  sources: SourcePart[]
  groups: GroupRow[]
  /** Denials the shown groups leave out; null when groups overlap (a sum would mean nothing). */
  rest: number | null
  overlapping: boolean
}

/**
 * The denials query's answer as chart points, spike links, source parts and breakdown rows.
 * A bucket without calls is a gap in the rate, not a zero: no traffic is not "no denials".
 */
export function prepareDenials(data: DenialsQuery['denials']): DenialsView {
  const bucketMs = data.bucketSeconds * 1000
  const points: ChartPoint[] = []
  const markers: DenialsView['markers'] = []
  const spikes: Spike[] = []
  for (const bucket of data.series) {
    const t = Date.parse(bucket.start)
    const denialRate = rate(bucket.denials, bucket.calls)
    points.push({ t, denialRate, denials: bucket.denials })
    if (!bucket.spike || denialRate === null) continue
    markers.push({ t, value: denialRate })
    spikes.push({
      from: new Date(t).toISOString(),
      to: new Date(t + bucketMs).toISOString(),
      denials: bucket.denials,
      calls: bucket.calls,
      rate: denialRate,
    })
  }
  spikes.reverse()
  return {
    empty: data.calls === 0,
    points,
    markers,
    spikes,
    sources: sourceParts(data),
    ...breakdown(data.by, data.groups, data.denials),
  }
}

function sourceParts(data: DenialsQuery['denials']): SourcePart[] {
  const part = (key: SourcePart['key'], label: string, help: string, count: number): SourcePart => ({
    key,
    label,
    help,
    count,
    share: rate(count, data.denials) ?? 0,
  })
  return [
    part('explicit', 'Explicit', 'the tool refused (deny())', data.explicit),
    part('inferred', 'Inferred', 'an error the classifier read as a refusal', data.inferred),
    part('auth', 'Auth', 'refused by bearer auth before MCP', data.auth),
  ]
}

function breakdown(
  by: DenialDimension,
  groups: DenialsQuery['denials']['groups'],
  total: number,
): Pick<DenialsView, 'groups' | 'rest' | 'overlapping'> {
  const overlapping = OVERLAPPING.has(by)
  const rows = groups.map((g) => ({ key: g.key, denials: g.denials, share: rate(g.denials, total) }))
  const shown = rows.reduce((n, g) => n + g.denials, 0)
  return { groups: rows, rest: overlapping ? null : Math.max(0, total - shown), overlapping }
}

/** Denials, denial rate and calls against the previous period (no previous rate without calls). */
export function denialKpis(current: DenialsQuery['denials'], previous: DenialsQuery['previous']): Kpi[] {
  return [
    countKpi('Denials', current.denials, previous.denials, 'up'),
    rateKpi(
      'Denial rate',
      { calls: current.calls, rate: current.denialRate },
      { calls: previous.calls, rate: previous.denialRate },
    ),
    countKpi('Calls', current.calls, previous.calls, 'neither'),
  ]
}
