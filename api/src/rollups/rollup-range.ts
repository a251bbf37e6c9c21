import type { TimeRange } from '../graphql/time-range'

/**
 * The split of a long time range between a minute rollup (`mcp_calls_1m`, or the overview's
 * `mcp_calls_overview_1m`) and the raw rows of `mcp_calls`, so a dashboard over days reads a
 * few thousand minute rows instead of millions of calls and still counts exactly: the whole
 * minutes inside the range come from the rollup, the partial minutes at both ends from the
 * raw rows.
 *
 *   from          ceilMinute(from)                 floorMinute(to)         to
 *    |--- head ---|========= interior (rollup) =========|------ tail ------|
 *
 * Feature repositories write their own SQL and use {@link RAW_EDGES} and
 * {@link ROLLUP_INTERIOR} as its time filters, with {@link rollupParams} bound.
 */

const MINUTE_MS = 60_000

/**
 * Ranges at least this long read `mcp_calls_1m` (the denials). Measured over 5 M synthetic
 * calls spread over 29 days (50 tools, ~2.6 M rollup rows: about one row per two calls),
 * p50 / p95 in ms:
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
 * From 7 days on the denials gain 3×; below 7 days they stay on the raw rows. The overview
 * has since moved to its own narrow table (see {@link OVERVIEW_ROLLUP_MIN_RANGE_MS}).
 */
export const ROLLUP_MIN_RANGE_MS = 7 * 86_400_000

/**
 * Overview ranges at least this long read `mcp_calls_overview_1m` (one row per project and
 * minute, latency as a histogram). The rollup's cost follows the minutes in the range, the
 * raw rows' the calls; measured on 10 M calls of one project (p50 / p95 ms):
 *
 *                 10 M over 7 d (~1,000 calls/min)    10 M over 30 d (~230 calls/min)
 *   range           raw            rollup               raw            rollup
 *   1 h           24 / 30          31 / 79            22 / 24          27 / 35
 *   3 h           50 / 60          51 / 63            27 / 30          35 / 43
 *   6 h          102 / 141         86 / 105           25 / 31          45 / 63
 *   1 d          227 / 353         81 / 114           63 / 88          54 / 72
 *   7 d         1236 / 1578        78 / 111          309 / 413         58 / 84
 *   30 d                                             799 / 1458        69 / 81
 *
 * From 3 hours on the rollup stays within a few ms of the raw rows for a quiet project and
 * keeps a busy one well under the 150 ms budget; below, the raw rows are as fast and give
 * exact quantiles. (The rollup figures above predate computing the quantiles in SQL, which
 * took another ~20 ms off; see overview.repository.ts.)
 */
export const OVERVIEW_ROLLUP_MIN_RANGE_MS = 3 * 3_600_000

/** Whether `range` is long enough for a rollup path (by default {@link ROLLUP_MIN_RANGE_MS}). */
export function usesRollup(range: TimeRange, minRangeMs = ROLLUP_MIN_RANGE_MS): boolean {
  return range.toMs - range.fromMs >= minRangeMs
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

/** Time filter of the rollup rows (their `minute`) in the interior. */
export const ROLLUP_INTERIOR =
  'minute >= toDateTime({minuteFrom:UInt32}) AND minute < toDateTime({minuteTo:UInt32})'
