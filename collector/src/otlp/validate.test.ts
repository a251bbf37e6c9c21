import { describe, expect, it } from 'vitest'
import { CollectorError } from '../errors'
import { decodeJsonExport } from './decode-json'
import { decodeProtobufExport } from './decode-protobuf'
import { decodeStatsOf } from './decode-shared'
import { everythingSpan, mcpCallSpan, toJson, toProtobuf } from './test-fixtures'
import {
  type Attributes,
  type IngestLimits,
  type OtlpLink,
  type OtlpSpan,
  type OtlpTraceExport,
  TRUNCATION_MARKER,
} from './types'
import { DEFAULT_LIMITS, validateExport } from './validate'

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c'
const SPAN_ID = 'b7ad6b7169203331'

function attrs(values: Record<string, unknown>): Attributes {
  return Object.assign(Object.create(null), values)
}

function span(overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: 'tools/call x',
    kind: 2,
    startTimeUnixNano: 1767225600000000000n,
    endTimeUnixNano: 1767225600000000001n,
    attributes: attrs({}),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    ...overrides,
  }
}

function link(overrides: Partial<OtlpLink> = {}): OtlpLink {
  return {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    traceState: '',
    attributes: attrs({}),
    droppedAttributesCount: 0,
    flags: 0,
    ...overrides,
  }
}

function exportOf(...spans: OtlpSpan[]): OtlpTraceExport {
  return {
    resourceSpans: [
      {
        resource: { attributes: attrs({ 'service.name': 'svc' }), droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeSpans: [{ scope: { name: 's', version: '', attributes: attrs({}) }, schemaUrl: '', spans }],
      },
    ],
  }
}

function limits(overrides: Partial<IngestLimits>): IngestLimits {
  return { ...DEFAULT_LIMITS, ...overrides }
}

describe('DEFAULT_LIMITS', () => {
  it('holds the documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxSpansPerRequest: 50_000,
      maxAttributesPerSpan: 256,
      maxValueLength: 16_384,
      maxEventsPerSpan: 256,
      maxLinksPerSpan: 128,
    })
  })
})

describe('validateExport', () => {
  it('accepts a real exporter request unchanged under the default limits', () => {
    const decoded = decodeProtobufExport(toProtobuf([everythingSpan(), mcpCallSpan(1)]))
    const expected = structuredClone(decoded)
    const result = validateExport(decoded, DEFAULT_LIMITS)
    expect(result.rejectedSpans).toBe(0)
    expect(result.errors).toEqual([])
    const allSpans = expected.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans))
    expect(allSpans).toHaveLength(2)
    expect(result.accepted.map((a) => a.span)).toEqual(allSpans)
    expect(result.accepted[0]!.resource).toBe(decoded.resourceSpans[0]!.resource)
    expect(result.accepted[0]!.scope).toBe(decoded.resourceSpans[0]!.scopeSpans[0]!.scope)
    expect(result.accepted.every((a) => a.truncatedValues === 0)).toBe(true)
  })

  it('accepts an export with no spans', () => {
    expect(validateExport({ resourceSpans: [] }, DEFAULT_LIMITS)).toEqual({
      accepted: [],
      rejectedSpans: 0,
      errors: [],
    })
  })

  it.each([
    ['missing traceId', { traceId: '' }, 'missing or malformed traceId'],
    ['uppercase traceId', { traceId: TRACE_ID.toUpperCase() }, 'malformed traceId'],
    ['all-zero traceId', { traceId: '0'.repeat(32) }, 'traceId is all zeros'],
    ['missing spanId', { spanId: '' }, 'missing or malformed spanId'],
    ['short spanId', { spanId: 'abcd' }, 'malformed spanId'],
    ['all-zero spanId', { spanId: '0'.repeat(16) }, 'spanId is all zeros'],
    ['malformed parentSpanId', { parentSpanId: 'malformed' }, 'malformed parentSpanId'],
    ['zero start time', { startTimeUnixNano: 0n, endTimeUnixNano: 0n }, 'startTimeUnixNano is 0'],
    [
      'end before start',
      { endTimeUnixNano: 1767225599999999999n },
      'endTimeUnixNano is before startTimeUnixNano',
    ],
  ])('rejects a span with a %s', (_, overrides, reason) => {
    const result = validateExport(exportOf(span(), span(overrides as Partial<OtlpSpan>)), DEFAULT_LIMITS)
    expect(result.accepted).toHaveLength(1)
    expect(result.rejectedSpans).toBe(1)
    expect(result.errors).toEqual([`resourceSpans[0].scopeSpans[0].spans[1]: ${reason}`])
  })

  it('rejects spans ending after 2262-04-11, the last time DateTime64(9) holds', () => {
    const last = span({ endTimeUnixNano: 0x7fff_ffff_ffff_ffffn })
    const past = span({ endTimeUnixNano: 0x8000_0000_0000_0000n })
    const result = validateExport(exportOf(last, past), DEFAULT_LIMITS)
    expect(result.accepted.map((a) => a.span)).toEqual([last])
    expect(result.errors).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1]: endTimeUnixNano is after 2262-04-11, beyond what the storage holds',
    ])
  })

  it('drops events the storage cannot date and counts them, keeping the span', () => {
    const event = (timeUnixNano: bigint) => ({
      timeUnixNano,
      name: 'e',
      attributes: attrs({}),
      droppedAttributesCount: 0,
    })
    const s = span({ events: [event(1n), event(0xffff_ffff_ffff_ffffn), event(2n)], droppedEventsCount: 1 })
    const result = validateExport(exportOf(s), DEFAULT_LIMITS)
    expect(result.accepted[0]!.span.events.map((e) => e.timeUnixNano)).toEqual([1n, 2n])
    expect(result.accepted[0]!.span.droppedEventsCount).toBe(2)
  })

  it('rejects spans older than maxAgeDays, which the retention would drop on arrival', () => {
    const now = Date.UTC(2026, 0, 31)
    const at = (ms: number) =>
      span({ startTimeUnixNano: BigInt(ms) * 1_000_000n, endTimeUnixNano: BigInt(ms) * 1_000_000n })
    const day = 86_400_000
    const result = validateExport(
      exportOf(at(now - 29 * day), at(now - 31 * day)),
      limits({ maxAgeDays: 30 }),
      now,
    )
    expect(result.accepted).toHaveLength(1)
    expect(result.errors).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1]: startTimeUnixNano is older than the 30-day retention; it would expire on arrival',
    ])
    expect(validateExport(exportOf(at(now - 31 * day)), DEFAULT_LIMITS, now).rejectedSpans).toBe(0)
  })

  it('accepts a zero-length span and reads an all-zero parent as no parent', () => {
    const s = span({ endTimeUnixNano: 1767225600000000000n, parentSpanId: '0000000000000000' })
    const result = validateExport(exportOf(s), DEFAULT_LIMITS)
    expect(result.rejectedSpans).toBe(0)
    expect(result.accepted[0]!.span.parentSpanId).toBe('')
  })

  it('counts every rejection but keeps only the first ten reasons', () => {
    const spans = Array.from({ length: 25 }, () => span({ traceId: '' }))
    const result = validateExport(exportOf(...spans, span()), DEFAULT_LIMITS)
    expect(result.rejectedSpans).toBe(25)
    expect(result.errors).toHaveLength(10)
    expect(result.accepted).toHaveLength(1)
  })

  it('refuses a request with more spans than the limit, whole', () => {
    const decoded = exportOf(span(), span(), span())
    expect(validateExport(decoded, limits({ maxSpansPerRequest: 3 })).accepted).toHaveLength(3)
    let caught: unknown
    try {
      validateExport(decoded, limits({ maxSpansPerRequest: 2 }))
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(CollectorError)
    expect(caught).toMatchObject({ code: 'OTLP.TOO_MANY_SPANS', status: 400 })
    expect((caught as Error).message).toMatch(/3 spans.*limit of 2/)
  })

  it('keeps the first attributes in wire order and counts the dropped ones', () => {
    const s = span({ attributes: attrs({ a: 1, b: 2, c: 3, d: 4 }), droppedAttributesCount: 10 })
    const e = {
      timeUnixNano: 1n,
      name: 'e',
      attributes: attrs({ x: 1, y: 2, z: 3 }),
      droppedAttributesCount: 0,
    }
    s.events = [e]
    s.links = [link({ attributes: attrs({ p: 1, q: 2, r: 3 }) })]
    const decoded = exportOf(s)
    decoded.resourceSpans[0]!.resource.attributes = attrs({ r1: 1, r2: 2, r3: 3 })
    const result = validateExport(decoded, limits({ maxAttributesPerSpan: 2 }))
    const out = result.accepted[0]!
    expect(out.span.attributes).toEqual({ a: 1, b: 2 })
    expect(out.span.droppedAttributesCount).toBe(12)
    expect(out.span.events[0]!.attributes).toEqual({ x: 1, y: 2 })
    expect(out.span.events[0]!.droppedAttributesCount).toBe(1)
    expect(out.span.links[0]!.attributes).toEqual({ p: 1, q: 2 })
    expect(out.span.links[0]!.droppedAttributesCount).toBe(1)
    expect(out.resource.attributes).toEqual({ r1: 1, r2: 2 })
    expect(out.resource.droppedAttributesCount).toBe(1)
  })

  it('drops events and links beyond the limits and counts them', () => {
    const events = Array.from({ length: 5 }, (_, i) => ({
      timeUnixNano: BigInt(i),
      name: `e${i}`,
      attributes: attrs({}),
      droppedAttributesCount: 0,
    }))
    const links = Array.from({ length: 4 }, () => link())
    const s = span({ events, links, droppedEventsCount: 1, droppedLinksCount: 1 })
    const out = validateExport(exportOf(s), limits({ maxEventsPerSpan: 3, maxLinksPerSpan: 2 })).accepted[0]!
      .span
    expect(out.events.map((e) => e.name)).toEqual(['e0', 'e1', 'e2'])
    expect(out.droppedEventsCount).toBe(3)
    expect(out.links).toHaveLength(2)
    expect(out.droppedLinksCount).toBe(3)
  })

  it('drops links without valid ids instead of rejecting the span', () => {
    const s = span({ links: [link({ traceId: '' }), link(), link({ spanId: 'malformed' })] })
    const result = validateExport(exportOf(s), DEFAULT_LIMITS)
    expect(result.rejectedSpans).toBe(0)
    expect(result.accepted[0]!.span.links).toHaveLength(1)
    expect(result.accepted[0]!.span.droppedLinksCount).toBe(2)
  })

  it('truncates long strings everywhere in a span and counts them per span', () => {
    const long = 'x'.repeat(12)
    const s = span({
      name: long,
      status: { code: 2, message: long },
      attributes: attrs({
        short: 'ok',
        exact: 'y'.repeat(10),
        long,
        list: [long, 'ok', [long]],
        map: { kvlist: attrs({ inner: long, n: 1 }) },
        bytes: new Uint8Array(20),
      }),
      events: [{ timeUnixNano: 1n, name: long, attributes: attrs({ e: long }), droppedAttributesCount: 0 }],
      links: [link({ attributes: attrs({ l: long }) })],
    })
    const decoded = exportOf(s)
    decoded.resourceSpans[0]!.resource.attributes = attrs({ r: long })
    const accepted = validateExport(decoded, limits({ maxValueLength: 10 })).accepted[0]!
    const cut = `${'x'.repeat(10)}${TRUNCATION_MARKER}`
    expect(accepted.span.name).toBe(cut)
    expect(accepted.span.status.message).toBe(cut)
    expect(accepted.span.attributes).toEqual({
      short: 'ok',
      exact: 'y'.repeat(10),
      long: cut,
      list: [cut, 'ok', [cut]],
      map: { kvlist: { inner: cut, n: 1 } },
      bytes: new Uint8Array(10),
    })
    expect(accepted.span.events[0]).toMatchObject({ name: cut, attributes: { e: cut } })
    expect(accepted.span.links[0]!.attributes).toEqual({ l: cut })
    expect(accepted.resource.attributes).toEqual({ r: cut })
    // name, status, long, 2 in list, inner, bytes, event name, event attribute, link attribute
    expect(accepted.truncatedValues).toBe(10)
  })

  it('never cuts a surrogate pair in half', () => {
    const s = span({ attributes: attrs({ emoji: `${'a'.repeat(9)}🚀🚀` }) })
    const out = validateExport(exportOf(s), limits({ maxValueLength: 10 })).accepted[0]!.span
    expect(out.attributes.emoji).toBe(`${'a'.repeat(9)}${TRUNCATION_MARKER}`)
  })

  it('gives the same result with and without the decoder’s bounds, under any limits', () => {
    const spans = [everythingSpan(), mcpCallSpan(1), mcpCallSpan(2)]
    const protobuf = toProtobuf(spans)
    const json = toJson(spans)
    for (const maxValueLength of [1, 10, 50, 199, 200, 16_384]) {
      for (const maxAttributesPerSpan of [0, 1, 5, 16, 19, 256]) {
        const l = limits({ maxValueLength, maxAttributesPerSpan, maxEventsPerSpan: 1 })
        // Protobuf records bounds (fast path when they fit); JSON does not (always walks).
        expect(decodeStatsOf(decodeJsonExport(json))).toBeUndefined()
        expect(validateExport(decodeProtobufExport(protobuf), l)).toEqual(
          validateExport(decodeJsonExport(json), l),
        )
      }
    }
  })

  it('applies limits to a decoded export whose bounds exceed them', () => {
    const decoded = decodeProtobufExport(toProtobuf([mcpCallSpan(1)]))
    const longest = decoded.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes[
      'gen_ai.tool.call.result'
    ] as string
    expect(decodeStatsOf(decoded)).toEqual({ maxAttributes: 16, maxValueLength: longest.length })
    const l = limits({ maxValueLength: longest.length - 1, maxAttributesPerSpan: 16 })
    const accepted = validateExport(decoded, l).accepted[0]!
    expect(accepted.truncatedValues).toBe(1)
    expect(accepted.span.attributes['gen_ai.tool.call.result']).toBe(
      `${longest.slice(0, -1)}${TRUNCATION_MARKER}`,
    )
  })

  it('drops attributes whose key is longer than the value limit', () => {
    const s = span({ attributes: attrs({ ['k'.repeat(11)]: 'v', ok: 'v' }) })
    const out = validateExport(exportOf(s), limits({ maxValueLength: 10 })).accepted[0]!.span
    expect(out.attributes).toEqual({ ok: 'v' })
    expect(out.droppedAttributesCount).toBe(1)
  })
})
