import { MISSING } from '../../lib/format'

/** How old the data a call read was when it ran, for a reader deciding whether to trust it. */
export interface Freshness {
  /** `3.2 h old`, `current`, or {@link MISSING} when the source gave no `asOf`. */
  text: string
  /** Age in ms; null when unknown. Negative ages (clock skew) count as 0. */
  ageMs: number | null
  /** Older than a day: worth a second look. */
  stale: boolean
}

/** An age above which the page flags the data as stale. */
export const STALE_AFTER_MS = 86_400_000

const UNITS: readonly [limitMs: number, unitMs: number, unit: string][] = [
  [60_000, 1000, 's'],
  [3_600_000, 60_000, 'min'],
  [86_400_000, 3_600_000, 'h'],
  [Number.POSITIVE_INFINITY, 86_400_000, 'd'],
]

/**
 * `asOf` (the source's own timestamp) against `at` (when the call ran): `45 s old`,
 * `12 min old`, `3.2 h old`, `4.0 d old`. Data as of the call time or later reads `current`
 * (a source's clock a little ahead of the server's is not "from the future").
 */
export function formatFreshness(asOf: string | null, at: string): Freshness {
  const asOfMs = asOf === null ? Number.NaN : Date.parse(asOf)
  const atMs = Date.parse(at)
  if (!Number.isFinite(asOfMs) || !Number.isFinite(atMs)) return { text: MISSING, ageMs: null, stale: false }
  const ageMs = Math.max(0, atMs - asOfMs)
  if (ageMs < 1000) return { text: 'current', ageMs, stale: false }
  const [, unitMs, unit] = UNITS.find(([limit]) => ageMs < limit)!
  const value = ageMs / unitMs
  // Whole seconds and minutes round down (59.9 s is not "60 s"); hours and days keep a decimal under 10.
  const shown =
    unit === 's' || unit === 'min' ? String(Math.floor(value)) : value.toFixed(value >= 10 ? 0 : 1)
  return { text: `${shown} ${unit} old`, ageMs, stale: ageMs > STALE_AFTER_MS }
}
