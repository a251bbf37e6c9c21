import { describe, expect, it } from 'vitest'
import { CollectorError } from '../errors'
import { decodeProtobufExport } from './decode-protobuf'
import { everythingExpected, everythingSpan, type FakeResource, fakeSpan, toProtobuf } from './test-fixtures'
import { deepKvlistValue, minimalSpan, pb, requestWithSpans } from './test-protobuf'

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c'
const SPAN_ID = 'b7ad6b7169203331'

function decodeOne(...spans: number[][]) {
  const span = decodeProtobufExport(requestWithSpans(...spans)).resourceSpans[0]?.scopeSpans[0]?.spans[0]
  if (span === undefined) throw new Error('no span decoded')
  return span
}

describe('decodeProtobufExport', () => {
  it('decodes every field of a real OTel exporter request exactly', () => {
    const decoded = decodeProtobufExport(toProtobuf([everythingSpan()]))
    expect(decoded).toEqual(everythingExpected())
    const span = decoded.resourceSpans[0]!.scopeSpans[0]!.spans[0]!
    expect(Object.getPrototypeOf(span.attributes)).toBeNull()
    expect(Object.hasOwn(span.attributes, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(decoded.resourceSpans[0]!.resource.attributes)).toBeNull()
  })

  it('decodes the same bytes from a Buffer and from a Uint8Array view at an offset', () => {
    const bytes = toProtobuf([everythingSpan()])
    const padded = new Uint8Array(bytes.length + 7)
    padded.set(bytes, 7)
    expect(decodeProtobufExport(Buffer.from(bytes))).toEqual(everythingExpected())
    expect(decodeProtobufExport(padded.subarray(7))).toEqual(everythingExpected())
  })

  it('groups spans by resource and scope as sent', () => {
    const other: FakeResource = { attributes: { 'service.name': 'other' } }
    const decoded = decodeProtobufExport(
      toProtobuf([
        fakeSpan({ name: 'a' }),
        fakeSpan({ name: 'b', resource: other }),
        fakeSpan({ name: 'c' }),
      ]),
    )
    expect(
      decoded.resourceSpans.map((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name))),
    ).toEqual([['a', 'c'], ['b']])
  })

  it('decodes an empty body as an export with no spans', () => {
    expect(decodeProtobufExport(new Uint8Array(0))).toEqual({ resourceSpans: [] })
  })

  it('fills defaults for absent resource, scope, status and times', () => {
    const decoded = decodeProtobufExport(pb.bytes(pb.len(1, pb.len(2, pb.len(2)))))
    const rs = decoded.resourceSpans[0]!
    expect(rs.resource).toEqual({ attributes: {}, droppedAttributesCount: 0 })
    expect(rs.scopeSpans[0]!.scope).toEqual({ name: '', version: '', attributes: {} })
    expect(rs.scopeSpans[0]!.spans[0]).toMatchObject({
      traceId: '',
      spanId: '',
      parentSpanId: '',
      startTimeUnixNano: 0n,
      status: { code: 0, message: '' },
    })
  })

  it('skips unknown fields of every wire type at every level', () => {
    const kv = pb.len(
      9,
      pb.str(1, 'k'),
      pb.unknownFields(40),
      pb.len(2, pb.str(1, 'v'), pb.unknownFields(50)),
    )
    const event = pb.len(11, pb.fixed64(1, 5n), pb.str(2, 'e'), pb.unknownFields(60))
    const link = pb.len(13, pb.hex(1, TRACE_ID), pb.hex(2, SPAN_ID), pb.unknownFields(70))
    const status = pb.len(15, pb.uint(1, 9), pb.uint(3, 1), pb.unknownFields(80))
    const span = minimalSpan(kv, event, link, status, pb.unknownFields(100))
    const body = pb.bytes(
      pb.unknownFields(20),
      pb.len(
        1,
        pb.unknownFields(30),
        pb.len(1, pb.unknownFields(30), pb.len(1, pb.str(1, 'service.name'), pb.len(2, pb.str(1, 'svc')))),
        pb.len(2, pb.unknownFields(30), pb.len(1, pb.str(1, 'scope'), pb.unknownFields(30)), pb.len(2, span)),
      ),
    )
    const decoded = decodeProtobufExport(body)
    expect(decoded.resourceSpans[0]!.resource.attributes).toEqual({ 'service.name': 'svc' })
    expect(decoded.resourceSpans[0]!.scopeSpans[0]!.scope.name).toBe('scope')
    const s = decoded.resourceSpans[0]!.scopeSpans[0]!.spans[0]!
    expect(s).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, name: 'span', attributes: { k: 'v' } })
    expect(s.events).toEqual([{ timeUnixNano: 5n, name: 'e', attributes: {}, droppedAttributesCount: 0 }])
    expect(s.links[0]).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID })
    expect(s.status).toEqual({ code: 1, message: '' })
  })

  it('skips a known field that arrives with another wire type', () => {
    // name (5) as a varint and kind (6) as a string: both ignored, like an unknown field.
    const span = decodeOne(minimalSpan(pb.uint(5, 1), pb.str(6, 'SERVER')))
    expect(span.name).toBe('span')
    expect(span.kind).toBe(0)
  })

  it('turns wrong-length trace and span ids into empty ids and a wrong-length parent into a marker', () => {
    const span = decodeOne([...pb.hex(1, 'abcd'), ...pb.hex(2, 'abcd'), ...pb.hex(4, 'abcd')])
    expect(span.traceId).toBe('')
    expect(span.spanId).toBe('')
    expect(span.parentSpanId).not.toBe('')
    expect(span.parentSpanId).not.toMatch(/^[0-9a-f]{16}$/)
    expect(decodeOne(minimalSpan(pb.len(4))).parentSpanId).toBe('')
  })

  it('keeps fixed64 times exact up to 2^64 - 1', () => {
    const span = decodeOne(minimalSpan(pb.fixed64(7, 2n ** 64n - 1n), pb.fixed64(8, 2n ** 53n + 1n)))
    expect(span.startTimeUnixNano).toBe(2n ** 64n - 1n)
    expect(span.endTimeUnixNano).toBe(2n ** 53n + 1n)
  })

  it('reads int64 values at the edges of the range', () => {
    const value = (n: bigint) => pb.len(9, pb.str(1, 'k'), pb.len(2, pb.uint(3, n)))
    const at = (n: bigint) => decodeOne(minimalSpan(value(n))).attributes.k
    expect(at(2n ** 53n - 1n)).toBe(2 ** 53 - 1)
    expect(at(2n ** 53n)).toBe('9007199254740992')
    expect(at(2n ** 63n - 1n)).toBe('9223372036854775807')
    expect(at(-1n)).toBe(-1)
    expect(at(-(2n ** 53n) + 1n)).toBe(-(2 ** 53) + 1)
    expect(at(-(2n ** 53n))).toBe('-9007199254740992')
    expect(at(-(2n ** 63n))).toBe('-9223372036854775808')
  })

  it('reads negative enums sent as ten-byte varints and any non-zero bool as true', () => {
    const span = decodeOne(
      minimalSpan(pb.uint(6, -1), pb.len(9, pb.str(1, 'b'), pb.len(2, pb.uint(2, 2n ** 40n)))),
    )
    expect(span.kind).toBe(-1)
    expect(span.attributes.b).toBe(true)
  })

  it('decodes an empty AnyValue as null and the last of several oneof fields', () => {
    const span = decodeOne(
      minimalSpan(
        pb.len(9, pb.str(1, 'none'), pb.len(2)),
        pb.len(9, pb.str(1, 'missing')),
        pb.len(9, pb.str(1, 'last'), pb.len(2, pb.str(1, 'first'), pb.uint(3, 9))),
        pb.len(9, pb.str(1, 'nan'), pb.len(2, pb.double(4, Number.NaN))),
      ),
    )
    expect(span.attributes).toEqual({ none: null, missing: null, last: 9, nan: Number.NaN })
  })

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    const span = decodeOne(minimalSpan(pb.len(5, [0x61, 0xff, 0x62])))
    expect(span.name).toBe('a\ufffdb')
  })

  it('copies bytes values out of the request buffer', () => {
    const body = requestWithSpans(minimalSpan(pb.len(9, pb.str(1, 'b'), pb.len(2, pb.len(7, [1, 2, 3])))))
    const value = decodeProtobufExport(body).resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes
      .b as Uint8Array
    body.fill(0)
    expect(Array.from(value)).toEqual([1, 2, 3])
    expect(value.buffer).not.toBe(body.buffer)
  })

  it('accepts kvlists nested 16 levels deep and refuses 17', () => {
    const at = (levels: number) => () =>
      decodeProtobufExport(
        requestWithSpans(minimalSpan(pb.len(9, pb.str(1, 'k'), pb.len(2, deepKvlistValue(levels))))),
      )
    expect(at(16)).not.toThrow()
    expect(at(17)).toThrow(/nested deeper than 16/)
  })

  it('accepts arrays nested 16 levels deep and refuses 17', () => {
    const nest = (levels: number): number[] => {
      let value = pb.str(1, 'leaf')
      for (let i = 0; i < levels; i++) value = pb.len(5, pb.len(1, value))
      return pb.len(9, pb.str(1, 'deep'), pb.len(2, value))
    }
    expect(() => decodeProtobufExport(requestWithSpans(minimalSpan(nest(16))))).not.toThrow()
    expect(() => decodeProtobufExport(requestWithSpans(minimalSpan(nest(17))))).toThrow(
      /nested deeper than 16/,
    )
  })

  it('refuses a body nested far beyond the limit without overflowing the stack', () => {
    const value = deepKvlistValue(10_000)
    const err = catchError(() =>
      decodeProtobufExport(requestWithSpans(minimalSpan(pb.len(9, pb.len(2, value))))),
    )
    expect(err).toBeInstanceOf(CollectorError)
    expect(err).toMatchObject({ code: 'OTLP.DECODE', status: 400 })
  })
})

function catchError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected an error')
}
