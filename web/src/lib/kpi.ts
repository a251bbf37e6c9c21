import { formatCount, formatDuration, formatPercent } from './format'

/**
 * A KPI tile's inputs (see components/kpi-tile.tsx): the figure as shown, the numbers its
 * change against the previous period is computed from, and which direction is bad.
 */
export interface Kpi {
  label: string
  value: string
  current: number | null
  previous: number | null
  worseWhen: 'up' | 'down' | 'neither'
}

/** A rate and the calls it is a rate of: without calls the rate means nothing. */
export interface RateOf {
  calls: number
  rate: number
}

/** `part / whole`, or null (a gap, "no data") when there is no whole: no traffic is not 0%. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/** A count tile (calls, denials). */
export function countKpi(label: string, current: number, previous: number, worseWhen: Kpi['worseWhen']): Kpi {
  return { label, value: formatCount(current), current, previous, worseWhen }
}

/**
 * A rate tile (errors, denials per call); higher is worse. The api answers 0 for a period
 * without calls, so a rate counts only where there were calls: otherwise "0% → 3%" would read
 * as a change from something that never happened.
 */
export function rateKpi(label: string, current: RateOf, previous: RateOf): Kpi {
  const now = current.calls > 0 ? current.rate : null
  return {
    label,
    value: formatPercent(now),
    current: now,
    previous: previous.calls > 0 ? previous.rate : null,
    worseWhen: 'up',
  }
}

/** A latency tile (null = no calls to measure); slower is worse. */
export function durationKpi(label: string, current: number | null, previous: number | null): Kpi {
  return { label, value: formatDuration(current), current, previous, worseWhen: 'up' }
}
