import { describe, expect, it } from 'vitest'
import { CollectorError } from '../errors'
import { decodeJsonExport } from './decode-json'
import { decodeProtobufExport } from './decode-protobuf'
import {
  everythingExpected,
  everythingSpan,
  fakeSpan,
  mcpCallSpan,
  toJson,
  toProtobuf,
} from './test-fixtures'

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c'
const SPAN_ID = 'b7ad6b7169203331'

/** A request with one span built from `span` (merged over valid ids and times). */
function oneSpan(span: Record<string, unknown>) {
  return {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE_ID,
                spanId: SPAN_ID,
                startTimeUnixNano: '1767225600000000000',
                endTimeUnixNano: '1767225601000000000',
                ...span,
              },
            ],
          },
        ],
      },
    ],
  }
}

function decodeSpan(span: Record<string, unknown>) {
  return decodeJsonExport(JSON.stringify(oneSpan(span))).resourceSpans[0]!.scopeSpans[0]!.spans[0]!
}

function attribute(value: unknown) {
  return decodeSpan({ attributes: [{ key: 'k', value }] }).attributes.k
}

function expectDecodeError(body: unknown, message: string | RegExp): void {
  let caught: unknown
  try {
    decodeJsonExport(typeof body === 'string' ? body : JSON.stringify(body))
  } catch (err) {
    caught = err
  }
  expect(caught).toBeInstanceOf(CollectorError)
  expect(caught).toMatchObject({ code: 'OTLP.DECODE', status: 400 })
  expect((caught as Error).message).toMatch(message)
}

describe('decodeJsonExport', () => {
  it('decodes every field of a real OTel JSON exporter request exactly', () => {
    const decoded = decodeJsonExport(toJson([everythingSpan()]))
    expect(decoded).toEqual(everythingExpected())
    expect(Object.getPrototypeOf(decoded.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes)).toBeNull()
  })

  it('produces exactly what the protobuf decoder produces for the same spans', () => {
    const spans = [everythingSpan(), ...Array.from({ length: 20 }, (_, i) => mcpCallSpan(i))]
    expect(decodeJsonExport(toJson(spans))).toEqual(decodeProtobufExport(toProtobuf(spans)))
  })

  it('accepts a string, a Buffer and a leading byte-order mark', () => {
    const text = new TextDecoder().decode(toJson([fakeSpan()]))
    const expected = decodeJsonExport(text)
    expect(decodeJsonExport(Buffer.from(text))).toEqual(expected)
    expect(decodeJsonExport(`\ufeff${text}`)).toEqual(expected)
    expect(expected.resourceSpans[0]!.scopeSpans[0]!.spans).toHaveLength(1)
  })

  it('decodes an empty object as an export with no spans', () => {
    expect(decodeJsonExport('{}')).toEqual({ resourceSpans: [] })
    expect(decodeJsonExport('{"resourceSpans":null}')).toEqual({ resourceSpans: [] })
  })

  it('lowercases hex ids of any case', () => {
    const span = decodeSpan({
      traceId: TRACE_ID.toUpperCase(),
      spanId: 'B7AD6b7169203331',
      parentSpanId: 'ABCDEF0123456789',
    })
    expect(span).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, parentSpanId: 'abcdef0123456789' })
  })

  it('lets a span with malformed ids through with empty ids, for validation to reject', () => {
    for (const bad of ['xyz', `${TRACE_ID}00`, 'CvdlGRbNQ92ESOshHIAxnA==', 42, {}]) {
      const span = decodeSpan({ traceId: bad, spanId: bad })
      expect(span.traceId).toBe('')
      expect(span.spanId).toBe('')
    }
  })

  it('marks a malformed parent id instead of making the span a root', () => {
    expect(decodeSpan({ parentSpanId: 'not-hex-at-all!!' }).parentSpanId).not.toMatch(/^([0-9a-f]{16})?$/)
    expect(decodeSpan({ parentSpanId: '' }).parentSpanId).toBe('')
    expect(decodeSpan({}).parentSpanId).toBe('')
  })

  it('reads int64 times from strings and numbers, exact for strings', () => {
    expect(decodeSpan({ startTimeUnixNano: '18446744073709551615' }).startTimeUnixNano).toBe(2n ** 64n - 1n)
    expect(decodeSpan({ startTimeUnixNano: 1767225600 }).startTimeUnixNano).toBe(1767225600n)
    expect(decodeSpan({ startTimeUnixNano: undefined }).startTimeUnixNano).toBe(0n)
  })

  it('names the path of a malformed time', () => {
    const body = {
      resourceSpans: [
        { scopeSpans: [{ spans: [] }, { spans: [{}, {}, {}, { startTimeUnixNano: '12ab' }] }] },
      ],
    }
    expectDecodeError(body, 'resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano: expected integer')
    for (const bad of [-1, 1.5, '18446744073709551616', '', ' 1', true, []]) {
      expectDecodeError(oneSpan({ endTimeUnixNano: bad }), /spans\[0\]\.endTimeUnixNano: expected integer/)
    }
  })

  it('reads intValue from numbers and strings, as a string beyond 2^53', () => {
    expect(attribute({ intValue: 42 })).toBe(42)
    expect(attribute({ intValue: '-42' })).toBe(-42)
    expect(attribute({ intValue: '007' })).toBe(7)
    expect(attribute({ intValue: '9007199254740993' })).toBe('9007199254740993')
    expect(attribute({ intValue: '-9223372036854775808' })).toBe('-9223372036854775808')
    expect(attribute({ intValue: 2 ** 60 })).toBe('1152921504606846976')
    for (const bad of ['9223372036854775808', '1.5', 'x', 1.5, true]) {
      expectDecodeError(
        oneSpan({ attributes: [{ key: 'k', value: { intValue: bad } }] }),
        /attributes\[0\]\.value\.intValue/,
      )
    }
  })

  it('reads every AnyValue type, in camelCase or snake_case', () => {
    expect(attribute({ stringValue: 's' })).toBe('s')
    expect(attribute({ string_value: 's' })).toBe('s')
    expect(attribute({ boolValue: false })).toBe(false)
    expect(attribute({ double_value: 1.25 })).toBe(1.25)
    expect(attribute({ doubleValue: 'NaN' })).toBeNaN()
    expect(attribute({ doubleValue: '-Infinity' })).toBe(Number.NEGATIVE_INFINITY)
    expect(attribute({ doubleValue: '2.5' })).toBe(2.5)
    expect(attribute({ bytesValue: 'AAF/gP8=' })).toEqual(Uint8Array.of(0, 1, 127, 128, 255))
    expect(attribute({ bytes_value: 'AAF_gP8' })).toEqual(Uint8Array.of(0, 1, 127, 128, 255))
    expect(attribute({ arrayValue: { values: [{ intValue: '1' }, { stringValue: 'a' }, {}] } })).toEqual([
      1,
      'a',
      null,
    ])
    expect(attribute({ kvlist_value: { values: [{ key: 'a', value: { bool_value: true } }] } })).toEqual({
      kvlist: { a: true },
    })
    expect(attribute({})).toBeNull()
    expect(attribute(null)).toBeNull()
    expect(attribute({ stringValue: null, intValue: 3 })).toBe(3)
  })

  it('reads snake_case field names everywhere', () => {
    const body = {
      resource_spans: [
        {
          resource: {
            attributes: [{ key: 'service.name', value: { string_value: 'svc' } }],
            dropped_attributes_count: 2,
          },
          schema_url: 'r',
          scope_spans: [
            {
              scope: { name: 'sc', version: '1' },
              schema_url: 's',
              spans: [
                {
                  trace_id: TRACE_ID,
                  span_id: SPAN_ID,
                  parent_span_id: 'abcdef0123456789',
                  trace_state: 'a=b',
                  start_time_unix_nano: '5',
                  end_time_unix_nano: '6',
                  dropped_attributes_count: 1,
                  dropped_events_count: 2,
                  dropped_links_count: 3,
                  events: [{ time_unix_nano: '5', name: 'e', dropped_attributes_count: 4 }],
                  links: [
                    { trace_id: TRACE_ID, span_id: SPAN_ID, trace_state: 'c=d', dropped_attributes_count: 5 },
                  ],
                },
              ],
            },
          ],
        },
      ],
    }
    const rs = decodeJsonExport(JSON.stringify(body)).resourceSpans[0]!
    expect(rs.resource).toEqual({ attributes: { 'service.name': 'svc' }, droppedAttributesCount: 2 })
    expect(rs.schemaUrl).toBe('r')
    expect(rs.scopeSpans[0]!.schemaUrl).toBe('s')
    expect(rs.scopeSpans[0]!.spans[0]).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: 'abcdef0123456789',
      traceState: 'a=b',
      startTimeUnixNano: 5n,
      endTimeUnixNano: 6n,
      droppedAttributesCount: 1,
      droppedEventsCount: 2,
      droppedLinksCount: 3,
      events: [{ timeUnixNano: 5n, name: 'e', droppedAttributesCount: 4 }],
      links: [{ traceId: TRACE_ID, spanId: SPAN_ID, traceState: 'c=d', droppedAttributesCount: 5 }],
    })
  })

  it('reads enums as integers or, leniently, as their names', () => {
    expect(decodeSpan({ kind: 3, status: { code: 2 } })).toMatchObject({ kind: 3, status: { code: 2 } })
    expect(
      decodeSpan({ kind: 'SPAN_KIND_SERVER', status: { code: 'STATUS_CODE_ERROR', message: 'm' } }),
    ).toMatchObject({ kind: 2, status: { code: 2, message: 'm' } })
    expect(decodeSpan({ kind: '4' }).kind).toBe(4)
    expect(decodeSpan({ kind: 9 }).kind).toBe(9)
    expectDecodeError(oneSpan({ kind: 'SERVER' }), /spans\[0\]\.kind: expected one of SPAN_KIND_UNSPECIFIED/)
    expectDecodeError(oneSpan({ status: { code: 1.5 } }), /spans\[0\]\.status\.code: expected/)
  })

  it('ignores unknown fields and treats null as absent', () => {
    const span = decodeSpan({
      somethingNew: { deeply: [1, 2] },
      name: null,
      events: null,
      status: null,
      flags: 257,
    })
    expect(span).toMatchObject({ name: '', events: [], status: { code: 0, message: '' }, flags: 257 })
  })

  it('rejects wrong types with the path of the field', () => {
    expectDecodeError({ resourceSpans: {} }, 'resourceSpans: expected an array')
    expectDecodeError({ resourceSpans: [1] }, 'resourceSpans[0]: expected an object')
    expectDecodeError({ resourceSpans: [{ resource: [] }] }, 'resourceSpans[0].resource: expected an object')
    expectDecodeError(oneSpan({ name: 5 }), 'spans[0].name: expected a string')
    expectDecodeError(oneSpan({ attributes: {} }), 'spans[0].attributes: expected an array')
    expectDecodeError(oneSpan({ attributes: [{ key: 1 }] }), 'spans[0].attributes[0].key: expected a string')
    expectDecodeError(
      oneSpan({ attributes: [{ key: 'k', value: 'v' }] }),
      'attributes[0].value: expected an AnyValue',
    )
    expectDecodeError(
      oneSpan({ attributes: [{ key: 'k', value: { boolValue: 'true' } }] }),
      'value.boolValue',
    )
    expectDecodeError(
      oneSpan({ attributes: [{ key: 'k', value: { bytesValue: 'a b' } }] }),
      'value.bytesValue',
    )
    expectDecodeError(
      oneSpan({ droppedEventsCount: -1 }),
      'spans[0].droppedEventsCount: expected an unsigned',
    )
    expectDecodeError(oneSpan({ events: [{ name: [] }] }), 'spans[0].events[0].name: expected a string')
    expectDecodeError(
      oneSpan({ attributes: [{ key: 'a', value: { arrayValue: { values: [{ stringValue: 1 }] } } }] }),
      'attributes[0].value.arrayValue.values[0].stringValue: expected a string',
    )
  })

  it('rejects bodies that are not JSON or not an object', () => {
    expectDecodeError('{"resourceSpans": [', /^invalid JSON/)
    expectDecodeError('', /^invalid JSON/)
    expectDecodeError('[]', /expected an ExportTraceServiceRequest object/)
    expectDecodeError('null', /expected an ExportTraceServiceRequest object/)
  })

  it('accepts values nested 16 levels deep and refuses 17', () => {
    const nest = (levels: number) => {
      let value: unknown = { stringValue: 'leaf' }
      for (let i = 0; i < levels; i++) value = i % 2 ? { arrayValue: { values: [value] } } : kv(value)
      return oneSpan({ attributes: [{ key: 'deep', value }] })
    }
    const kv = (value: unknown) => ({ kvlistValue: { values: [{ key: 'k', value }] } })
    expect(() => decodeJsonExport(JSON.stringify(nest(16)))).not.toThrow()
    expectDecodeError(nest(17), /nested deeper than 16 levels/)
    expectDecodeError(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, /ExportTraceServiceRequest/)
  })

  it('decodes or rejects a valid request truncated at every byte offset', () => {
    const text = new TextDecoder().decode(toJson([everythingSpan()]))
    for (let n = 0; n < text.length; n++) {
      try {
        decodeJsonExport(text.slice(0, n))
      } catch (err) {
        expect(err).toBeInstanceOf(CollectorError)
        expect((err as CollectorError).code).toBe('OTLP.DECODE')
      }
    }
  })

  it('decodes or rejects a valid request with any value swapped for another type', () => {
    const original = JSON.parse(new TextDecoder().decode(toJson([everythingSpan()])))
    const replacements = [null, 0, -1, 1.5, '', 'x', true, [], {}, [1], { a: 1 }, '1767225600000000000']
    const paths: (string | number)[][] = []
    const collect = (node: unknown, path: (string | number)[]) => {
      paths.push(path)
      if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) collect(v, [...path, Array.isArray(node) ? Number(k) : k])
      }
    }
    collect(original, [])
    for (const path of paths) {
      for (const replacement of replacements) {
        const copy = structuredClone(original)
        if (path.length === 0) continue
        let parent = copy
        for (const key of path.slice(0, -1)) parent = parent[key]
        parent[path[path.length - 1]!] = replacement
        try {
          decodeJsonExport(JSON.stringify(copy))
        } catch (err) {
          expect(err).toBeInstanceOf(CollectorError)
          expect(err).toMatchObject({ code: 'OTLP.DECODE' })
          expect((err as Error).message).not.toMatch(/internal decoder error/)
        }
      }
    }
    expect(paths.length).toBeGreaterThan(100)
  })
})
