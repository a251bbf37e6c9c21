import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { hexId } from './otlp-json'

/**
 * Bodies a hostile or broken OTLP client may send. Each entry says what it is;
 * the suite decides what the receiver must answer.
 */

/** Now, in unix ns, as the decimal string OTLP/JSON uses. */
const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n

/** A JSON span: valid unless `over` breaks it. */
export function jsonSpan(over: Record<string, unknown> = {}): Record<string, unknown> {
  const start = nowNs()
  return {
    traceId: hexId(16),
    spanId: hexId(8),
    name: 'malformed-corpus',
    kind: 2,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: (start + 1_000_000n).toString(),
    attributes: [{ key: 'mcp.method.name', value: { stringValue: 'tools/call' } }],
    ...over,
  }
}

/** An OTLP/JSON request holding `spans` under one resource and scope. */
export function jsonRequest(spans: Record<string, unknown>[], service = 'malformed'): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ scope: { name: 'corpus' }, spans }],
      },
    ],
  })
}

/** Text that is not JSON at all, or not a JSON object. */
export const INVALID_JSON: readonly [string, string][] = [
  ['empty body', ''],
  ['whitespace only', '   \n'],
  ['unterminated object', '{'],
  ['bracket mismatch', '{"resourceSpans":[}'],
  ['trailing comma', '{"resourceSpans":[],}'],
  ['single quotes', "{'resourceSpans':[]}"],
  ['bare word', 'nul'],
  ['trailing garbage', '{"resourceSpans":[]}garbage'],
  ['NaN literal', '{"resourceSpans":NaN}'],
  ['NUL byte', '\u0000'],
  ['top-level array', '[]'],
  ['top-level null', 'null'],
  ['top-level number', '42'],
  ['top-level string', '"resourceSpans"'],
]

/** JSON text of an AnyValue nested `depth` arrays deep (built as text: too deep for JSON.stringify). */
function nestedArrayValueJson(depth: number): string {
  return `${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"leaf"}${']}}'.repeat(depth)}`
}

const attr = (value: unknown) => ({ attributes: [{ key: 'a', value }] })

/** Valid JSON with a wrong type somewhere: the request as a whole is malformed. */
export function wrongTypeJson(): [string, string][] {
  const one = (over: Record<string, unknown>) => jsonRequest([jsonSpan(over)])
  return [
    ['resourceSpans is a string', '{"resourceSpans":"x"}'],
    ['resourceSpans holds a number', '{"resourceSpans":[1]}'],
    ['resource is an array', '{"resourceSpans":[{"resource":[]}]}'],
    ['scopeSpans is an object', '{"resourceSpans":[{"scopeSpans":{}}]}'],
    ['spans is a string', '{"resourceSpans":[{"scopeSpans":[{"spans":"s"}]}]}'],
    ['a span is null-like string', '{"resourceSpans":[{"scopeSpans":[{"spans":["span"]}]}]}'],
    ['attributes is an object', one({ attributes: { a: 1 } })],
    ['attribute key is a number', one({ attributes: [{ key: 7, value: { stringValue: 'x' } }] })],
    ['attribute value is a bare string', one(attr('x'))],
    ['intValue is not an integer', one(attr({ intValue: '12abc' }))],
    ['intValue is fractional', one(attr({ intValue: 1.5 }))],
    ['intValue beyond int64', one(attr({ intValue: '9223372036854775808' }))],
    ['boolValue is a string', one(attr({ boolValue: 'true' }))],
    ['doubleValue is an object', one(attr({ doubleValue: {} }))],
    ['bytesValue is not base64', one(attr({ bytesValue: '@@@not base64@@@' }))],
    ['arrayValue nested 5000 levels', one(attr('DEEP')).replace('"DEEP"', nestedArrayValueJson(5000))],
    ['name is a number', one({ name: 5 })],
    ['kind is an unknown name', one({ kind: 'SPAN_KIND_BOGUS' })],
    ['kind is fractional', one({ kind: 2.5 })],
    ['status is an array', one({ status: [] })],
    ['status code is a bool', one({ status: { code: true } })],
    ['start time negative (string)', one({ startTimeUnixNano: '-5' })],
    ['start time negative (number)', one({ startTimeUnixNano: -5 })],
    ['start time fractional (number)', one({ startTimeUnixNano: 1.5 })],
    ['end time fractional (string)', one({ endTimeUnixNano: `${nowNs()}.5` })],
    ['start time in exponent form', one({ startTimeUnixNano: '1.7e18' })],
    ['start time beyond uint64', one({ startTimeUnixNano: '99999999999999999999999' })],
    ['end time 2^64', one({ endTimeUnixNano: '18446744073709551616' })],
    ['start time huge number', one({ startTimeUnixNano: 1e300 })],
    ['droppedAttributesCount negative', one({ droppedAttributesCount: -1 })],
    ['flags beyond uint32', one({ flags: 2 ** 32 })],
    ['events is an object', one({ events: {} })],
    ['event time negative', one({ events: [{ name: 'e', timeUnixNano: '-1' }] })],
    ['links holds a string', one({ links: ['l'] })],
  ]
}

/** One span each, valid JSON and types, whose ids or times make that span unstorable. */
export function rejectedSpanJson(): [string, Record<string, unknown>][] {
  const start = nowNs()
  return [
    ['traceId of 15 bytes', jsonSpan({ traceId: hexId(15) })],
    ['traceId of 17 bytes', jsonSpan({ traceId: hexId(17) })],
    ['traceId not hex', jsonSpan({ traceId: 'zz'.repeat(16) })],
    ['traceId all zeros', jsonSpan({ traceId: '0'.repeat(32) })],
    ['traceId as a number', jsonSpan({ traceId: 12345 })],
    ['traceId in base64', jsonSpan({ traceId: Buffer.from(hexId(16), 'hex').toString('base64') })],
    ['traceId missing', jsonSpan({ traceId: undefined })],
    ['spanId of 7 bytes', jsonSpan({ spanId: hexId(7) })],
    ['spanId all zeros', jsonSpan({ spanId: '0'.repeat(16) })],
    ['spanId missing', jsonSpan({ spanId: '' })],
    ['parentSpanId not hex', jsonSpan({ parentSpanId: 'xyz' })],
    ['parentSpanId of 9 bytes', jsonSpan({ parentSpanId: hexId(9) })],
    ['start time 0', jsonSpan({ startTimeUnixNano: '0' })],
    ['start time missing', jsonSpan({ startTimeUnixNano: undefined })],
    [
      'end before start',
      jsonSpan({ startTimeUnixNano: start.toString(), endTimeUnixNano: (start - 1n).toString() }),
    ],
  ]
}

/**
 * A gzip member that inflates to `bytes` zeros, built by streaming through zlib
 * so neither the test nor its memory holds the inflated size (1 GiB → ~1 MiB).
 */
export async function gzipBomb(bytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1 << 20)
  const gzip = createGzip({ level: 9 })
  const out: Buffer[] = []
  gzip.on('data', (c: Buffer) => out.push(c))
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve)
    gzip.on('error', reject)
  })
  Readable.from(
    (function* () {
      for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk
    })(),
  ).pipe(gzip)
  await done
  return Buffer.concat(out)
}

/** A protobuf varint. */
function varint(n: number): number[] {
  const out: number[] = []
  let v = BigInt(n)
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
  return out
}

/** A length-delimited protobuf field. */
function lenField(field: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(field << 3) | 2, ...varint(payload.length)]), payload])
}

/**
 * An ExportTraceServiceRequest whose one span has an attribute nested `depth`
 * ArrayValues deep: a recursion bomb for a naive decoder.
 */
export function deeplyNestedProtobuf(depth: number): Buffer {
  let value = lenField(1, Buffer.from('leaf')) // AnyValue.string_value
  for (let i = 0; i < depth; i++) value = lenField(5, lenField(1, value)) // AnyValue.array_value{values}
  const keyValue = Buffer.concat([lenField(1, Buffer.from('deep')), lenField(2, value)])
  const span = Buffer.concat([
    lenField(1, Buffer.from(hexId(16), 'hex')),
    lenField(2, Buffer.from(hexId(8), 'hex')),
    lenField(5, Buffer.from('deep span')),
    lenField(9, keyValue),
  ])
  return lenField(1, lenField(2, lenField(2, span))) // ResourceSpans{ScopeSpans{Span}}
}

/** Protobuf bodies broken at the wire level. */
export const BROKEN_PROTOBUF: readonly [string, Buffer][] = [
  ['length prefix far beyond the body', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00])],
  ['varint longer than 10 bytes', Buffer.from([0x0a, ...Array(11).fill(0xff), 0x01])],
  ['field number 0', Buffer.from([0x02, 0x00])],
  ['wire type 7 (invalid)', Buffer.from([0x0f, 0x00])],
  ['deprecated group start without end', Buffer.from([0x0b])],
  ['truncated fixed64', Buffer.from([0x09, 0x01, 0x02])],
  ['negative length (10-byte varint)', Buffer.from([0x0a, ...Array(9).fill(0xff), 0x01])],
]

/** A protobuf fixed64 field. */
function fixed64Field(field: number, value: bigint): Buffer {
  const out = Buffer.alloc(9)
  out[0] = (field << 3) | 1
  out.writeBigUInt64LE(value, 1)
  return out
}

/**
 * A protobuf request with one valid span whose name, attribute key and value
 * are the given raw bytes (invalid UTF-8 is not producible with the OTel serializers).
 */
export function protobufSpanWithRawStrings(
  name: Buffer,
  key: Buffer,
  value: Buffer,
): { body: Buffer; spanId: string } {
  const start = nowNs()
  const spanId = hexId(8)
  const keyValue = Buffer.concat([lenField(1, key), lenField(2, lenField(1, value))])
  const span = Buffer.concat([
    lenField(1, Buffer.from(hexId(16), 'hex')),
    lenField(2, Buffer.from(spanId, 'hex')),
    lenField(5, name),
    fixed64Field(7, start),
    fixed64Field(8, start + 1_000n),
    lenField(9, keyValue),
  ])
  return { body: lenField(1, lenField(2, lenField(2, span))), spanId }
}

/**
 * Spans every validation rule accepts but whose values lie outside what the
 * storage types hold: times past DateTime64(9)'s range (1900–2299) and dates
 * the mapping parses into one.
 */
export function outOfRangeTimeJson(): [string, Record<string, unknown>][] {
  const start = nowNs()
  const mcp = { key: 'mcp.method.name', value: { stringValue: 'tools/call' } }
  const provenance = (asOf: string) => ({
    attributes: [mcp],
    events: [
      {
        name: 'tollgate.provenance',
        timeUnixNano: start.toString(),
        attributes: [{ key: 'tollgate.provenance.as_of', value: { stringValue: asOf } }],
      },
    ],
  })
  return [
    ['end time 2^64-1', jsonSpan({ endTimeUnixNano: '18446744073709551615' })],
    [
      'start and end in the year 2300',
      jsonSpan({ startTimeUnixNano: '10413792000000000000', endTimeUnixNano: '10413792000000000001' }),
    ],
    [
      'event time 2^64-1',
      jsonSpan({ events: [{ name: 'tollgate.denial', timeUnixNano: '18446744073709551615' }] }),
    ],
    ['provenance as_of in the year 9999', jsonSpan(provenance('9999-12-31T23:59:59Z'))],
    ['provenance as_of in the year 1000', jsonSpan(provenance('1000-01-01T00:00:00Z'))],
  ]
}
