import type { TimeRange } from '../graphql/time-range'

/**
 * The split of a long time range between the minute rollup `mcp_calls_1m` and the raw rows
 * of `mcp_calls`, so a dashboard over days reads a few thousand minute rows instead of
 * millions of calls and still counts exactly: the whole minutes inside the range come from
 * the rollup, the partial minutes at both ends from the raw rows.
 *
 *   from          ceilMinute(from)                 floorMinute(to)         to
 *    |--- head ---|========= interior (rollup) =========|------ tail ------|
 *
 * Feature repositories write their own SQL and use {@link RAW_EDGES} and
 * {@link ROLLUP_INTERIOR} as its time filters, with {@link rollupParams} bound.
 */

const MINUTE_MS = 60_000

/**
 * Ranges at least this long read the rollup. Measured over 5 M synthetic calls spread over
 * 29 days (50 tools, ~2.6 M rollup rows: about one row per two calls), p50 / p95 in ms:
 *
 *   range   overview raw   overview rollup   denials raw   denials rollup
 *   1 h       17 / 19         38 / 41          28 / 53        57 / 90
 *   1 d       49 / 56         83 / 122         59 / 87        64 / 132
 *   7 d      342 / 641       286 / 697        424 / 633      126 / 207
 *   30 d    1209 / 1996     1812 / 2609      1261 / 2511     537 / 1193
 *
 * Counts (sums) come out of the rollup several times faster than out of the raw rows; the
 * overview's quantiles do not: merging a t-digest state costs ~300 ns a rollup row, more
 * than `quantile` over the raw rows it stands for when the rollup holds few calls per row.
 * From 7 days on the denials gain 3×, the overview breaks even at 7 days (and loses at 30
 * with this data); below 7 days both paths stay on the raw rows and exact quantiles.
 */
export const ROLLUP_MIN_RANGE_MS = 7 * 86_400_000

/** Whether `range` is long enough for the rollup path (see {@link ROLLUP_MIN_RANGE_MS}). */
export function usesRollup(range: TimeRange): boolean {
  return range.toMs - range.fromMs >= ROLLUP_MIN_RANGE_MS
}

/** The start of the minute holding `ms`. */
export function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS
}

/** The first minute boundary at or after `ms`. */
export function ceilMinute(ms: number): number {
  return Math.ceil(ms / MINUTE_MS) * MINUTE_MS
}

/** A range cut at its minute boundaries; an empty part has `fromMs === toMs`. */
export interface RangeSplit {
  /** `[from, ceilMinute(from))`: raw rows. */
  head: TimeRange
  /** `[ceilMinute(from), floorMinute(to))`: whole minutes, from the rollup. */
  interior: TimeRange
  /** `[floorMinute(to), to)`: raw rows. */
  tail: TimeRange
}

/**
 * Cuts `range` at its minute boundaries. A range without a whole minute in it is all head:
 * the three parts always cover the range exactly once. The interior stays on minute
 * boundaries even when empty (its bounds are bound as whole seconds).
 */
export function splitAtMinutes(range: TimeRange): RangeSplit {
  const interiorFrom = ceilMinute(range.fromMs)
  const interiorTo = floorMinute(range.toMs)
  if (interiorFrom >= interiorTo) {
    return {
      head: range,
      interior: { fromMs: interiorTo, toMs: interiorTo },
      tail: { fromMs: range.toMs, toMs: range.toMs },
    }
  }
  return {
    head: { fromMs: range.fromMs, toMs: interiorFrom },
    interior: { fromMs: interiorFrom, toMs: interiorTo },
    tail: { fromMs: interiorTo, toMs: range.toMs },
  }
}

/** The bound parameters {@link RAW_EDGES} and {@link ROLLUP_INTERIOR} read. */
export interface RollupParams {
  headFromMs: number
  headToMs: number
  tailFromMs: number
  tailToMs: number
  /** Unix seconds: the rollup's `minute` is a DateTime. */
  minuteFrom: number
  minuteTo: number
}

/** Parameters for the time filters of `range`'s split. */
export function rollupParams(range: TimeRange): RollupParams {
  const { head, interior, tail } = splitAtMinutes(range)
  return {
    headFromMs: head.fromMs,
    headToMs: head.toMs,
    tailFromMs: tail.fromMs,
    tailToMs: tail.toMs,
    minuteFrom: interior.fromMs / 1000,
    minuteTo: interior.toMs / 1000,
  }
}

/** Time filter of the raw rows (`mcp_calls.timestamp`) in the head or the tail; an empty part matches nothing. */
export const RAW_EDGES = `((timestamp >= fromUnixTimestamp64Milli({headFromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({headToMs:Int64}))
  OR (timestamp >= fromUnixTimestamp64Milli({tailFromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({tailToMs:Int64})))`

/** Time filter of the rollup rows (`mcp_calls_1m.minute`) in the interior. */
export const ROLLUP_INTERIOR =
  'minute >= toDateTime({minuteFrom:UInt32}) AND minute < toDateTime({minuteTo:UInt32})'

/**
 * The t-digest levels of `mcp_calls_1m.duration_quantiles`. Raw edges build their state
 * with the same levels (`quantilesTDigestState(…)`) so both sides merge into one sketch;
 * a state of other levels would not merge with the rollup's.
 */
export const DURATION_LEVELS = '0.5, 0.9, 0.95, 0.99'
/** 1-based positions of p50 and p95 in the merged {@link DURATION_LEVELS} array. */
export const P50_INDEX = 1
export const P95_INDEX = 3
