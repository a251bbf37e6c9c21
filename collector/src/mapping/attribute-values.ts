/**
 * Conversions from decoded OTLP values to the string shapes of `storage/rows.ts`,
 * and typed reads of single attributes. Hot path: no closures, no regexes, and
 * strings are never re-encoded.
 */
import { type Attributes, type AttributeValue, type KvList, MAX_STORABLE_NANOS } from '../otlp/types'
import type { StringMap } from '../storage/rows'

const SPAN_KIND_NAMES = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const
const STATUS_CODE_NAMES = ['UNSET', 'OK', 'ERROR'] as const

/** `SpanKind` number → the name stored in `kind` / `span_kind`. */
export function spanKindName(kind: number): string {
  return SPAN_KIND_NAMES[kind] ?? 'UNSPECIFIED'
}

/** `StatusCode` number → the name stored in `status_code`. */
export function statusCodeName(code: number): string {
  return STATUS_CODE_NAMES[code] ?? 'UNSET'
}

/** DateTime64(9) "unknown": the epoch, written with all 19 digits. */
export const ZERO_NANOS = '0000000000000000000'

/**
 * Unix nanoseconds as the decimal string DateTime64(9) parses exactly.
 * NB: always 19 digits — a shorter numeric string is read as seconds or
 * milliseconds by the embedded engine's best-effort parser (and differently by a server).
 */
export function nanosToString(t: bigint): string {
  const text = t.toString()
  return text.length >= 19 ? text : text.padStart(19, '0')
}

/** Duration in ns; 0 when the end precedes the start (clock skew, bad clients). */
export function durationNs(start: bigint, end: bigint): number {
  return end > start ? Number(end - start) : 0
}

/**
 * A value as it is stored in a `Map(…, String)`: strings raw, numbers and
 * booleans via `String()`, bytes as base64 (as OTLP/JSON encodes them), arrays
 * and kvlists as JSON, an empty value as ''.
 */
export function valueToString(v: AttributeValue): string {
  switch (typeof v) {
    case 'string':
      return v
    case 'number':
      return String(v)
    case 'boolean':
      return v ? 'true' : 'false'
    default:
      if (v === null) return ''
      if (v instanceof Uint8Array) return bytesToBase64(v)
      return toJsonText(v)
  }
}

/** JSON text of a value; strings become JSON strings, bytes base64 strings, non-finite numbers strings. */
export function toJsonText(v: AttributeValue): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'number':
      return Number.isFinite(v) ? String(v) : `"${String(v)}"`
    case 'boolean':
      return v ? 'true' : 'false'
    default:
      if (v === null) return 'null'
      if (v instanceof Uint8Array) return `"${bytesToBase64(v)}"`
      if (Array.isArray(v)) return arrayToJson(v)
      return kvlistToJson(v as KvList)
  }
}

function arrayToJson(values: AttributeValue[]): string {
  let out = '['
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ','
    out += toJsonText(values[i] as AttributeValue)
  }
  return `${out}]`
}

function kvlistToJson(list: KvList): string {
  let out = '{'
  let first = true
  const attrs = list.kvlist
  for (const key in attrs) {
    if (!first) out += ','
    first = false
    out += `${JSON.stringify(key)}:${toJsonText(attrs[key] as AttributeValue)}`
  }
  return `${out}}`
}

function bytesToBase64(v: Uint8Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
}

/** Every attribute as a string map (null-prototype, so `__proto__` stays an ordinary key). */
export function attributesToMap(attrs: Attributes): StringMap {
  const out: StringMap = Object.create(null)
  // Object.keys beats for…in on the dictionary-mode maps the decoders build.
  const keys = Object.keys(attrs)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    out[key] = valueToString(attrs[key] as AttributeValue)
  }
  return out
}

/** The attribute as a string ('' when absent or empty). */
export function readString(attrs: Attributes, key: string): string {
  const v = attrs[key]
  if (typeof v === 'string') return v
  return v === undefined ? '' : valueToString(v)
}

/** The attribute, else the first non-empty of `fallbacks` (legacy keys), else ''. */
export function readStringOr(attrs: Attributes, key: string, fallbacks: readonly string[]): string {
  const v = readString(attrs, key)
  if (v !== '') return v
  for (let i = 0; i < fallbacks.length; i++) {
    const legacy = readString(attrs, fallbacks[i] as string)
    if (legacy !== '') return legacy
  }
  return ''
}

/** A non-negative integer attribute (int, or a decimal string); 0 when absent or not a number. */
export function readCount(attrs: Attributes, key: string): number {
  return toCount(attrs[key])
}

/** The largest value of the UInt32 count columns. */
export const UINT32_MAX = 4_294_967_295

/**
 * A value as a non-negative integer (int, or a decimal string); 0 when it is not a
 * number. Saturates at {@link UINT32_MAX}: the count columns are UInt32, and the
 * engine would otherwise wrap 2^32 + 5 to 5.
 */
export function toCount(v: AttributeValue | undefined): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0
  return Number.isFinite(n) && n > 0 ? saturateUint32(Math.trunc(n)) : 0
}

/** `n` capped at {@link UINT32_MAX}. */
export function saturateUint32(n: number): number {
  return Math.min(n, UINT32_MAX)
}

/** A boolean attribute as 1/0; the strings `'true'`/`'false'` are accepted from lenient producers. */
export function readFlag(attrs: Attributes, key: string): number {
  const v = attrs[key]
  return v === true || v === 'true' ? 1 : 0
}

/** A boolean attribute as true/false/undefined (absent). */
export function readBool(attrs: Attributes, key: string): boolean | undefined {
  const v = attrs[key]
  if (v === true || v === 'true') return true
  if (v === false || v === 'false') return false
  return undefined
}

/**
 * A string[] attribute. A plain string is split on spaces, because OAuth
 * producers often pass the `scope` claim through as is.
 */
export function readStringArray(attrs: Attributes, key: string): string[] {
  const v = attrs[key]
  if (Array.isArray(v)) {
    const out: string[] = []
    for (let i = 0; i < v.length; i++) out.push(valueToString(v[i] as AttributeValue))
    return out
  }
  if (typeof v === 'string') return v === '' ? [] : v.split(' ').filter(notEmpty)
  return []
}

function notEmpty(s: string): boolean {
  return s !== ''
}

/**
 * RFC 3339 text → unix nanoseconds as a decimal string, keeping sub-millisecond
 * digits that `Date.parse` drops; '' when the text is not a date, or a date
 * outside 1970–2262 (the range of unsigned nanoseconds DateTime64(9) holds).
 */
export function rfc3339ToNanos(text: string): string {
  const ms = Date.parse(text)
  if (Number.isNaN(ms) || ms < 0) return ''
  let subMs = 0
  // 'YYYY-MM-DDTHH:MM:SS' is 19 characters; a fraction, if any, starts right after.
  if (text.charCodeAt(19) === 46 /* '.' */) {
    // Fraction digits 4–9 are the sub-millisecond part.
    let scale = 100_000
    for (let i = 20, pos = 1; i < text.length && pos <= 9; i++, pos++) {
      const d = text.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      if (pos >= 4) {
        subMs += d * scale
        scale /= 10
      }
    }
  }
  const nanos = BigInt(ms) * 1_000_000n + BigInt(subMs)
  return nanos > MAX_STORABLE_NANOS ? '' : nanosToString(nanos)
}
