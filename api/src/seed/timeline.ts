/**
 * When calls happen: a daily rhythm (busy working hours, quiet nights, slower
 * weekends, in UTC) over [start, end), as an inverse CDF over minutes so that the
 * n-th of N calls lands where n/N of the day-weighted traffic has gone by.
 */

const MINUTE_MS = 60_000

/** Relative traffic in the minute starting at `ms` (UTC). */
export function trafficWeight(ms: number): number {
  const date = new Date(ms)
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60
  const day = date.getUTCDay()
  const weekend = day === 0 || day === 6 ? 0.35 : 1
  // Night floor plus a working-day bump peaking mid-afternoon UTC (Europe and the US both awake).
  const bump = Math.exp(-(((hour - 14.5) / 4) ** 2))
  return weekend * (0.12 + bump)
}

/** Maps a fraction of the traffic to a time in [start, end). */
export class Timeline {
  /** cumulative[i] = traffic before minute i. */
  private readonly cumulative: Float64Array
  private readonly minutes: number

  constructor(
    readonly startMs: number,
    readonly endMs: number,
  ) {
    this.minutes = Math.max(1, Math.ceil((endMs - startMs) / MINUTE_MS))
    this.cumulative = new Float64Array(this.minutes + 1)
    for (let i = 0; i < this.minutes; i++) {
      this.cumulative[i + 1] = this.cumulative[i]! + trafficWeight(startMs + i * MINUTE_MS)
    }
  }

  /** The time (ms, fractional) by which `fraction` (0..1) of the traffic has happened. */
  timeAt(fraction: number): number {
    const target = Math.min(Math.max(fraction, 0), 1) * this.cumulative[this.minutes]!
    let lo = 0
    let hi = this.minutes
    // Largest i with cumulative[i] <= target.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (this.cumulative[mid]! <= target) lo = mid
      else hi = mid - 1
    }
    const i = Math.min(lo, this.minutes - 1)
    const inMinute = this.cumulative[i + 1]! - this.cumulative[i]!
    const within = inMinute > 0 ? (target - this.cumulative[i]!) / inMinute : 0
    return Math.min(this.startMs + (i + Math.min(within, 1)) * MINUTE_MS, this.endMs - 1)
  }
}
