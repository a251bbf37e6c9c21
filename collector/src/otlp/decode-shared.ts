import { CollectorError } from '../errors'
import type { OtlpTraceExport } from './types'

/**
 * Deepest AnyValue nesting (array or kvlist inside array or kvlist …) either decoder
 * accepts. Real attributes nest two or three levels; the bound keeps a hostile body
 * from driving recursion to a stack overflow.
 */
export const MAX_VALUE_DEPTH = 16

/**
 * Stands in for a parent span id that was present but malformed (wrong length, not hex).
 * It must not become '' — that would silently turn the span into a root span — so the
 * decoders keep a non-empty, non-hex value that validation rejects.
 */
export const MALFORMED_ID = 'malformed'

/** Two lowercase hex characters for every byte value, so an id costs one lookup per byte. */
export const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
)

/** Builds the one error both decoders raise for a body that is not a valid export. */
export function decodeError(message: string, cause?: unknown): CollectorError {
  return new CollectorError('OTLP.DECODE', message, 400, cause === undefined ? undefined : { cause })
}

/**
 * Passes a decoder's own `OTLP.DECODE` errors through and turns anything else (a bug the
 * explicit checks missed, a stack overflow) into one, so callers only ever see a 400.
 */
export function asDecodeError(err: unknown, what: string): CollectorError {
  if (err instanceof CollectorError && err.code === 'OTLP.DECODE') return err
  return decodeError(`invalid ${what}: internal decoder error`, err)
}

const TWO_POW_32 = 4294967296
/** High word limit under which `hi * 2^32 + lo` is still a safe integer (< 2^53). */
const SAFE_HIGH_WORD = 0x200000

/**
 * Turns a two's-complement int64 given as two unsigned 32-bit words into the
 * {@link AttributeValue} form: a number when it is a safe integer, else a decimal string.
 */
export function int64FromWords(lo: number, hi: number): number | string {
  if (hi < SAFE_HIGH_WORD) return hi * TWO_POW_32 + lo
  if (hi >= 0x80000000) {
    // Negative: the magnitude is the two's complement of the 64-bit word pair.
    const mlo = (~lo + 1) >>> 0
    const mhi = (~hi + (mlo === 0 ? 1 : 0)) >>> 0
    if (mhi < SAFE_HIGH_WORD) return -(mhi * TWO_POW_32 + mlo)
  }
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString()
}

/**
 * Upper bounds a decoder observed over one export: the most attributes in one list and
 * the longest string or bytes value (in bytes, which is never less than UTF-16 units).
 */
export interface DecodeStats {
  maxAttributes: number
  maxValueLength: number
}

// Keyed by the export object, so the contract type stays plain and the entry dies with it.
const STATS = new WeakMap<OtlpTraceExport, DecodeStats>()

/** Records what a decoder saw, so validation can skip walking values no limit can touch. */
export function recordDecodeStats(decoded: OtlpTraceExport, stats: DecodeStats): void {
  STATS.set(decoded, stats)
}

/**
 * The bounds recorded for `decoded`, or undefined when it did not come straight from a
 * decoder that records them.
 *
 * NB: they describe the export as decoded; validate before changing it.
 */
export function decodeStatsOf(decoded: OtlpTraceExport): DecodeStats | undefined {
  return STATS.get(decoded)
}
