import { Buffer } from 'node:buffer'
import type { CollectorError } from '../errors'
import { decodeError, MAX_VALUE_DEPTH } from './decode-shared'
import type { Attributes, AttributeValue } from './types'

/**
 * Field readers for OTLP/JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding).
 * Each takes the lowerCamelCase name and the snake_case proto name (the protobuf JSON
 * mapping allows both) and the path of the enclosing object for error messages.
 * A JSON `null` counts as absent, as in the protobuf JSON mapping.
 */

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The raw value of a field under either of its names; `undefined` when absent or null. */
export function field(obj: JsonObject, camel: string, snake: string): unknown {
  let value = obj[camel]
  if (value === undefined || value === null) value = obj[snake]
  return value === null ? undefined : value
}

function wrongType(path: string, camel: string, expected: string): CollectorError {
  return decodeError(`invalid OTLP/JSON: ${path}${path === '' ? '' : '.'}${camel}: expected ${expected}`)
}

/** A repeated field: `[]` when absent. */
export function arrayField(obj: JsonObject, camel: string, snake: string, path: string): unknown[] {
  const value = field(obj, camel, snake)
  if (value === undefined) return []
  if (!Array.isArray(value)) throw wrongType(path, camel, 'an array')
  return value
}

/** A message field: `undefined` when absent. */
export function objectField(
  obj: JsonObject,
  camel: string,
  snake: string,
  path: string,
): JsonObject | undefined {
  const value = field(obj, camel, snake)
  if (value === undefined || isObject(value)) return value
  throw wrongType(path, camel, 'an object')
}

/** A string field: '' when absent. */
export function stringField(obj: JsonObject, camel: string, snake: string, path: string): string {
  const value = field(obj, camel, snake)
  if (value === undefined) return ''
  if (typeof value !== 'string') throw wrongType(path, camel, 'a string')
  return value
}

const DIGITS = /^[0-9]{1,20}$/
const UINT64_MAX = 0xffff_ffff_ffff_ffffn

/** A fixed64 nanosecond time: a decimal string or a JSON number; 0n when absent. */
export function timeField(obj: JsonObject, camel: string, snake: string, path: string): bigint {
  const value = field(obj, camel, snake)
  if (value === undefined) return 0n
  if (typeof value === 'string' && DIGITS.test(value)) {
    const n = BigInt(value)
    if (n <= UINT64_MAX) return n
  } else if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** 64) {
    // NB: a JSON number above 2^53 has already lost precision in JSON.parse; the spec says strings.
    return BigInt(value)
  }
  throw wrongType(path, camel, 'integer')
}

/** A uint32 / fixed32 field (counts, flags): a JSON number or a decimal string; 0 when absent. */
export function uint32Field(obj: JsonObject, camel: string, snake: string, path: string): number {
  const value = field(obj, camel, snake)
  if (value === undefined) return 0
  const n = typeof value === 'string' && DIGITS.test(value) ? Number(value) : value
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff) return n
  throw wrongType(path, camel, 'an unsigned 32-bit integer')
}

/** An enum field: its integer, or leniently its name (`SPAN_KIND_SERVER`); 0 when absent. */
export function enumField(
  obj: JsonObject,
  camel: string,
  snake: string,
  path: string,
  names: Readonly<Record<string, number>>,
): number {
  const value = field(obj, camel, snake)
  if (value === undefined) return 0
  if (typeof value === 'string' && Object.hasOwn(names, value)) return names[value]!
  const n = typeof value === 'string' && /^-?[0-9]{1,10}$/.test(value) ? Number(value) : value
  if (typeof n === 'number' && Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31) return n
  throw wrongType(path, camel, `one of ${Object.keys(names).join(', ')} or its integer`)
}

const HEX_32 = /^[0-9a-fA-F]{32}$/
const HEX_16 = /^[0-9a-fA-F]{16}$/

/**
 * A trace or span id: hex of `size` bytes, any case, returned lowercase. A malformed id
 * is a problem of one span, not of the request: it becomes `malformed` ('' for trace and
 * span ids, `MALFORMED_ID` for parent ids) and validation rejects that span.
 */
export function idField(
  obj: JsonObject,
  camel: string,
  snake: string,
  size: 8 | 16,
  malformed: string,
): string {
  const value = field(obj, camel, snake)
  if (value === undefined || value === '') return ''
  if (typeof value === 'string' && (size === 16 ? HEX_32 : HEX_16).test(value)) return value.toLowerCase()
  return malformed
}

/** Reads `[{ key, value }]` into `into`; a later duplicate key wins. */
export function readAttributes(list: unknown[], path: string, into: Attributes, depth: number): Attributes {
  for (let i = 0; i < list.length; i++) {
    const kv = list[i]
    if (!isObject(kv)) throw decodeError(`invalid OTLP/JSON: ${path}[${i}]: expected an object`)
    const key = kv.key ?? ''
    if (typeof key !== 'string') throw decodeError(`invalid OTLP/JSON: ${path}[${i}].key: expected a string`)
    const value = kv.value
    into[key] = value === undefined || value === null ? null : readAnyValue(value, path, i, '.value', depth)
  }
  return into
}

const INT64 = /^-?[0-9]{1,20}$/
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/

/**
 * Reads the AnyValue at `${path}[${index}]${suffix}` (the pieces are joined only for an
 * error message); an empty one is `null`. Its field is found by walking the object's own
 * keys — one in a well-formed value — rather than probing fourteen possible names.
 */
export function readAnyValue(
  value: unknown,
  path: string,
  index: number,
  suffix: string,
  depth: number,
): AttributeValue {
  if (!isObject(value))
    throw decodeError(`invalid OTLP/JSON: ${path}[${index}]${suffix}: expected an AnyValue object`)
  let result: AttributeValue = null
  for (const name in value) {
    const v = value[name]
    if (v === null || v === undefined) continue
    switch (name) {
      case 'stringValue':
      case 'string_value':
        if (typeof v !== 'string') throw wrongType(`${path}[${index}]${suffix}`, 'stringValue', 'a string')
        result = v
        break
      case 'intValue':
      case 'int_value': {
        const n = int64(v)
        if (n === undefined) throw wrongType(`${path}[${index}]${suffix}`, 'intValue', 'a 64-bit integer')
        result = n
        break
      }
      case 'boolValue':
      case 'bool_value':
        if (typeof v !== 'boolean') throw wrongType(`${path}[${index}]${suffix}`, 'boolValue', 'a boolean')
        result = v
        break
      case 'doubleValue':
      case 'double_value': {
        const n = double(v)
        if (n === undefined) throw wrongType(`${path}[${index}]${suffix}`, 'doubleValue', 'a number')
        result = n
        break
      }
      case 'arrayValue':
      case 'array_value':
        result = arrayValue(v, `${path}[${index}]${suffix}.arrayValue`, depth + 1)
        break
      case 'kvlistValue':
      case 'kvlist_value':
        result = { kvlist: kvlistValue(v, `${path}[${index}]${suffix}.kvlistValue`, depth + 1) }
        break
      case 'bytesValue':
      case 'bytes_value':
        if (typeof v !== 'string' || !BASE64.test(v)) {
          throw wrongType(`${path}[${index}]${suffix}`, 'bytesValue', 'a base64 string')
        }
        result = new Uint8Array(Buffer.from(v, 'base64'))
        break
    }
  }
  return result
}

/** An int64 from a JSON number or decimal string, in {@link AttributeValue} form; undefined when invalid. */
function int64(v: unknown): number | string | undefined {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return v
    if (Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63) return BigInt(v).toString()
  } else if (typeof v === 'string' && INT64.test(v)) {
    const n = BigInt(v)
    if (n >= INT64_MIN && n <= INT64_MAX) {
      const asNumber = Number(n)
      return Number.isSafeInteger(asNumber) ? asNumber : n.toString()
    }
  }
  return undefined
}

/** A double from a JSON number or the string forms the protobuf JSON mapping allows; undefined when invalid. */
function double(v: unknown): number | undefined {
  if (typeof v === 'number') return v
  if (v === 'NaN') return Number.NaN
  if (v === 'Infinity') return Number.POSITIVE_INFINITY
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return undefined
}

function arrayValue(v: unknown, path: string, depth: number): AttributeValue[] {
  if (depth > MAX_VALUE_DEPTH)
    throw decodeError(`invalid OTLP/JSON: ${path}: nested deeper than ${MAX_VALUE_DEPTH} levels`)
  if (!isObject(v)) throw decodeError(`invalid OTLP/JSON: ${path}: expected an object`)
  const list = arrayField(v, 'values', 'values', path)
  const out: AttributeValue[] = []
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    out.push(item === null ? null : readAnyValue(item, `${path}.values`, i, '', depth))
  }
  return out
}

function kvlistValue(v: unknown, path: string, depth: number): Attributes {
  if (depth > MAX_VALUE_DEPTH)
    throw decodeError(`invalid OTLP/JSON: ${path}: nested deeper than ${MAX_VALUE_DEPTH} levels`)
  if (!isObject(v)) throw decodeError(`invalid OTLP/JSON: ${path}: expected an object`)
  return readAttributes(arrayField(v, 'values', 'values', path), `${path}.values`, Object.create(null), depth)
}
