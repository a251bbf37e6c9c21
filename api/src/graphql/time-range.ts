import { apiError } from '../auth/viewer'

/** Longest range one query may cover: beyond it, ask the rollups (or narrow the range). */
export const MAX_RANGE_DAYS = 92

/** A validated half-open time range `[from, to)` in unix milliseconds. */
export interface TimeRange {
  fromMs: number
  toMs: number
}

/** Checks a range from the client: both ends valid, `from` before `to`, at most {@link MAX_RANGE_DAYS}. */
export function timeRange(from: Date, to: Date): TimeRange {
  const fromMs = from.getTime()
  const toMs = to.getTime()
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
    throw apiError('BAD_USER_INPUT', 'from and to must be valid times')
  if (toMs <= fromMs) throw apiError('BAD_USER_INPUT', '`to` must be after `from`')
  if (toMs - fromMs > MAX_RANGE_DAYS * 86_400_000) {
    throw apiError('BAD_USER_INPUT', `a time range may span at most ${MAX_RANGE_DAYS} days`)
  }
  return { fromMs, toMs }
}

/** Bucket widths a series may use, in seconds, smallest first. */
const BUCKETS = [60, 300, 900, 3600, 6 * 3600, 86_400]
/** A series has at most this many buckets: enough for a chart, bounded for the query. */
const MAX_BUCKETS = 400

/** The narrowest bucket that splits `range` into at most {@link MAX_BUCKETS} buckets. */
export function bucketSeconds(range: TimeRange): number {
  const seconds = (range.toMs - range.fromMs) / 1000
  return BUCKETS.find((bucket) => seconds / bucket <= MAX_BUCKETS) ?? (BUCKETS.at(-1) as number)
}
