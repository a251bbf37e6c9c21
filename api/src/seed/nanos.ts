/** Time conversions of the generator, which keeps times as fractional milliseconds. */

/**
 * Fractional unix ms → the 19-digit nanosecond string of a DateTime64(9) column.
 * Doubles cannot hold unix nanoseconds exactly; ms and sub-ms parts are joined as text.
 */
export function msToNanos(ms: number): string {
  const whole = Math.floor(ms)
  const sub = Math.floor((ms - whole) * 1e6)
  return `${whole}${sub < 100_000 ? String(sub).padStart(6, '0') : sub}`
}

/** Fractional unix ms → RFC 3339 (ms precision), as the SDK writes time attributes. */
export function msToIso(ms: number): string {
  return new Date(Math.floor(ms)).toISOString()
}

/** Milliseconds → whole nanoseconds (a UInt64 duration). */
export function msToDurationNs(ms: number): number {
  return Math.round(ms * 1e6)
}
