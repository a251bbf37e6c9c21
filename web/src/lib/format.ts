/**
 * How the dashboard writes numbers. One place, so a KPI tile, a table cell and a chart axis
 * never disagree. Missing data is shown as {@link MISSING}, never as zero.
 */

/** What a value the api did not give (or could not compute) is shown as. */
export const MISSING = '—'

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

const present = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value)

/** A count: `1,234`; compact from 10,000 on (`12.3K`, `4.5M`) when asked. */
export function formatCount(value: number | null | undefined, options: { compact?: boolean } = {}): string {
  if (!present(value)) return MISSING
  return options.compact === true && Math.abs(value) >= 10_000 ? compact.format(value) : plain.format(value)
}

/**
 * A ratio (0–1) as a percentage: one decimal under 10 %, none above; a rate that is not zero
 * but rounds to it reads `<0.1%`, so a rare denial never looks like none.
 */
export function formatPercent(ratio: number | null | undefined): string {
  if (!present(ratio)) return MISSING
  const percent = ratio * 100
  if (percent === 0) return '0%'
  if (Math.abs(percent) < 0.1) return percent > 0 ? '<0.1%' : '>-0.1%'
  return `${percent.toFixed(Math.abs(percent) < 10 ? 1 : 0)}%`
}

/** A latency or duration in ms: `0.42 ms`, `12 ms`, `1.5 s`, `2.5 min`, `1.2 h`. */
export function formatDuration(ms: number | null | undefined): string {
  if (!present(ms)) return MISSING
  const abs = Math.abs(ms)
  if (abs === 0) return '0 ms'
  if (abs < 1) return `${ms.toFixed(2)} ms`
  if (abs < 1000) return `${ms.toFixed(abs < 10 ? 1 : 0)} ms`
  if (abs < 60_000) return `${(ms / 1000).toFixed(1)} s`
  if (abs < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const

/** A size: `512 B`, `1.5 KiB`, `3.0 MiB`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (!present(bytes)) return MISSING
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`
}

/** A change against the previous period, for a KPI tile. */
export interface Change {
  text: string
  direction: 'up' | 'down' | 'flat' | 'new' | 'none'
}

/**
 * `current` against `previous`, relative (`+12%`, `−3.4%`). A previous value of zero gives
 * `new` (no percentage of nothing); a missing one gives no change at all.
 */
export function formatChange(
  current: number | null | undefined,
  previous: number | null | undefined,
): Change {
  if (!present(current) || !present(previous)) return { text: MISSING, direction: 'none' }
  if (previous === 0)
    return current === 0 ? { text: '±0%', direction: 'flat' } : { text: 'new', direction: 'new' }
  const relative = (current - previous) / Math.abs(previous)
  if (Math.abs(relative) < 0.0005) return { text: '±0%', direction: 'flat' }
  // Past ten-fold, a percentage stops reading as a size (+666467%): say how many times instead.
  if (relative >= 10)
    return { text: `×${formatCount(current / previous, { compact: true })}`, direction: 'up' }
  const sign = relative > 0 ? '+' : '−'
  const percent = Math.abs(relative * 100)
  return {
    text: `${sign}${percent.toFixed(percent < 10 ? 1 : 0)}%`,
    direction: relative > 0 ? 'up' : 'down',
  }
}

/** An instant, in UTC (the dashboard's one time zone, so a shared link reads the same everywhere): `2026-11-21 14:03:05`. */
export function formatTimestamp(value: number | string | null | undefined): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value
  if (!present(ms)) return MISSING
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

/** A chart axis tick for a window `spanMs` long: `14:05` within two days, `11-21 14:00` within ten, else `11-21`. */
export function formatTick(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString()
  if (spanMs <= 2 * 86_400_000) return iso.slice(11, 16)
  if (spanMs <= 10 * 86_400_000) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`
  return iso.slice(5, 10)
}
