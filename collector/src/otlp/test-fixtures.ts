/**
 * Test-only helpers: SDK-shaped spans for the real OTel serializers, so the decoders are
 * tested against the bytes an exporter actually sends. Not exported from the package.
 *
 * NB: `@opentelemetry/sdk-trace` is not a dependency of the collector, so the spans are
 * plain objects with the fields `ReadableSpan` serialization reads.
 */
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import type { OtlpTraceExport } from './types'

/** What the OTel serializers accept (`ReadableSpan[]`), named without importing sdk-trace. */
export type SdkSpans = Parameters<typeof ProtobufTraceSerializer.serializeRequest>[0]

/** An attribute map as the OTel SDK holds it. */
export type SdkAttributes = Record<string, unknown>

/** The fields of one SDK span a test wants to set; the rest get typical values. */
export interface FakeSpanInit {
  traceId?: string
  spanId?: string
  parentSpanId?: string
  parentIsRemote?: boolean
  traceState?: string
  traceFlags?: number
  name?: string
  /** `@opentelemetry/api` SpanKind (INTERNAL = 0); the serializer adds 1 for OTLP. */
  kind?: number
  startTime?: [number, number]
  endTime?: [number, number]
  attributes?: SdkAttributes
  droppedAttributesCount?: number
  events?: {
    name: string
    time: [number, number]
    attributes?: SdkAttributes
    droppedAttributesCount?: number
  }[]
  droppedEventsCount?: number
  links?: {
    traceId: string
    spanId: string
    traceState?: string
    traceFlags?: number
    isRemote?: boolean
    attributes?: SdkAttributes
    droppedAttributesCount?: number
  }[]
  droppedLinksCount?: number
  status?: { code: number; message?: string }
  resource?: FakeResource
  scope?: FakeScope
}

/** A resource as the serializers read it; share one object between spans to group them. */
export interface FakeResource {
  attributes: SdkAttributes
  schemaUrl?: string
}

/** An instrumentation scope as the serializers read it. */
export interface FakeScope {
  name: string
  version?: string
  schemaUrl?: string
  attributes?: SdkAttributes
}

const DEFAULT_RESOURCE: FakeResource = { attributes: { 'service.name': 'test-service' } }
const DEFAULT_SCOPE: FakeScope = { name: '@tollgate/sdk', version: '0.1.0' }

function traceState(value: string | undefined) {
  return value === undefined ? undefined : { serialize: () => value }
}

/** Builds one SDK-shaped span. */
export function fakeSpan(init: FakeSpanInit = {}): SdkSpans[number] {
  const ctx = {
    traceId: init.traceId ?? '0af7651916cd43dd8448eb211c80319c',
    spanId: init.spanId ?? 'b7ad6b7169203331',
    traceFlags: init.traceFlags ?? 1,
    traceState: traceState(init.traceState),
  }
  const span = {
    spanContext: () => ctx,
    parentSpanContext:
      init.parentSpanId === undefined
        ? undefined
        : { traceId: ctx.traceId, spanId: init.parentSpanId, traceFlags: 1, isRemote: init.parentIsRemote },
    name: init.name ?? 'tools/call get_weather',
    kind: init.kind ?? 1,
    startTime: init.startTime ?? [1767225600, 123456789],
    endTime: init.endTime ?? [1767225600, 223456789],
    attributes: init.attributes ?? {},
    droppedAttributesCount: init.droppedAttributesCount ?? 0,
    events: (init.events ?? []).map((e) => ({ droppedAttributesCount: 0, attributes: {}, ...e })),
    droppedEventsCount: init.droppedEventsCount ?? 0,
    links: (init.links ?? []).map((l) => ({
      context: {
        traceId: l.traceId,
        spanId: l.spanId,
        traceFlags: l.traceFlags ?? 0,
        isRemote: l.isRemote,
        traceState: traceState(l.traceState),
      },
      attributes: l.attributes ?? {},
      droppedAttributesCount: l.droppedAttributesCount ?? 0,
    })),
    droppedLinksCount: init.droppedLinksCount ?? 0,
    status: init.status ?? { code: 0 },
    resource: init.resource ?? DEFAULT_RESOURCE,
    instrumentationScope: init.scope ?? DEFAULT_SCOPE,
    duration: [0, 100000000],
    ended: true,
  }
  return span as unknown as SdkSpans[number]
}

/** Serializes spans to OTLP/protobuf exactly as the OTel JS protobuf exporter does. */
export function toProtobuf(spans: SdkSpans): Uint8Array {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans)
  if (bytes === undefined) throw new Error('serializer returned nothing')
  return bytes
}

/** Serializes spans to OTLP/JSON exactly as the OTel JS JSON exporter does. */
export function toJson(spans: SdkSpans): Uint8Array {
  const bytes = JsonTraceSerializer.serializeRequest(spans)
  if (bytes === undefined) throw new Error('serializer returned nothing')
  return bytes
}

/** An MCP `tools/call` server span with ~15 attributes of 10–200 characters and one event. */
export function mcpCallSpan(i: number, resource: FakeResource = DEFAULT_RESOURCE): SdkSpans[number] {
  const hex = i.toString(16).padStart(8, '0')
  return fakeSpan({
    traceId: `4bf92f3577b34da6a3ce929d${hex}`,
    spanId: `00f067aa${hex}`,
    parentSpanId: `a3ce929d${hex}`,
    parentIsRemote: true,
    name: 'tools/call search_documents',
    kind: 1,
    startTime: [1767225600 + i, 123456789],
    endTime: [1767225600 + i, 987654321],
    resource,
    attributes: {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'search_documents',
      'gen_ai.operation.name': 'execute_tool',
      'jsonrpc.request.id': String(1000 + i),
      'mcp.session.id': `sess-7f3e9a2b-41c8-4d0e-9f6a-${hex}`,
      'mcp.protocol.version': '2025-06-18',
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'client.address': '10.12.4.77',
      'tollgate.user.id': 'user_2NfXq8rLk3vB9mPz',
      'tollgate.tenant': 'acme-corp',
      'tollgate.auth.scopes': ['documents:read', 'search:query'],
      'gen_ai.tool.call.arguments':
        '{"query":"quarterly revenue forecast for the EMEA region","filters":{"department":"finance","year":2026},"limit":25}',
      'gen_ai.tool.call.result':
        '{"content":[{"type":"text","text":"Found 12 documents matching the query. Top result: Q3 EMEA revenue forecast v4 (finance/forecasts/2026/q3-emea.xlsx), last modified 2026-01-14 by j.doe."}],"isError":false}',
      'tollgate.payload.input_bytes': 118,
      'tollgate.payload.output_bytes': 203 + i,
    },
    events: [
      {
        name: 'tollgate.provenance',
        time: [1767225600 + i, 500000000],
        attributes: { 'tollgate.provenance.source': 'finance/forecasts/2026/q3-emea.xlsx' },
      },
    ],
    status: { code: 0 },
  })
}

const EVERYTHING_RESOURCE: FakeResource = {
  attributes: { 'service.name': 'docs-mcp', 'service.instance.id': 'i-1' },
  schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
}
const EVERYTHING_SCOPE: FakeScope = {
  name: '@tollgate/sdk',
  version: '0.1.0',
  schemaUrl: 'https://opentelemetry.io/schemas/1.31.0',
  attributes: { 'scope.kind': 'server' },
}

/** A span using every field and every attribute value type the OTel JS exporter can send. */
export function everythingSpan() {
  return fakeSpan({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '00f067aa0ba902b7',
    parentIsRemote: true,
    traceState: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
    traceFlags: 1,
    name: 'tools/call get_weather',
    kind: 1, // api SERVER → OTLP 2
    // 2026-01-01T00:00:00.123456789Z: far above 2^53 ns, so any float on the way would show.
    startTime: [1767225600, 123456789],
    endTime: [1767225601, 999999999],
    attributes: {
      'mcp.method.name': 'tools/call',
      unicode: 'héllo ✓ 🚀 日本',
      empty: '',
      int: 42,
      negative: -7,
      zero: 0,
      maxSafe: Number.MAX_SAFE_INTEGER,
      big: 2 ** 60,
      negativeBig: -(2 ** 60),
      double: 3.25,
      negativeDouble: -0.5,
      yes: true,
      no: false,
      bytes: Uint8Array.of(0, 1, 127, 128, 255),
      strings: ['documents:read', 'search:query'],
      mixed: [1, 'x', false, 2.5],
      emptyArray: [],
      map: { nested: 'v', deeper: { n: 1, list: ['a'] } },
      ['__proto__']: 'just a key',
    },
    droppedAttributesCount: 3,
    events: [
      { name: 'tollgate.denial', time: [1767225600, 500000000], attributes: { reason: 'scope', code: 403 } },
      { name: 'exception', time: [1767225601, 1], droppedAttributesCount: 2 },
    ],
    droppedEventsCount: 4,
    links: [
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b8',
        traceState: 'vendor=1',
        traceFlags: 1,
        isRemote: true,
        attributes: { 'link.kind': 'http' },
        droppedAttributesCount: 1,
      },
    ],
    droppedLinksCount: 5,
    status: { code: 2, message: 'boom' },
    resource: EVERYTHING_RESOURCE,
    scope: EVERYTHING_SCOPE,
  })
}

/** What both decoders must produce for {@link everythingSpan}. */
export function everythingExpected(): OtlpTraceExport {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: { 'service.name': 'docs-mcp', 'service.instance.id': 'i-1' },
          droppedAttributesCount: 0,
        },
        schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
        scopeSpans: [
          {
            scope: { name: '@tollgate/sdk', version: '0.1.0', attributes: { 'scope.kind': 'server' } },
            schemaUrl: 'https://opentelemetry.io/schemas/1.31.0',
            spans: [
              {
                traceId: '0af7651916cd43dd8448eb211c80319c',
                spanId: 'b7ad6b7169203331',
                parentSpanId: '00f067aa0ba902b7',
                traceState: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
                flags: 0x301, // sampled | HAS_IS_REMOTE | IS_REMOTE
                name: 'tools/call get_weather',
                kind: 2,
                startTimeUnixNano: 1767225600123456789n,
                endTimeUnixNano: 1767225601999999999n,
                attributes: {
                  'mcp.method.name': 'tools/call',
                  unicode: 'héllo ✓ 🚀 日本',
                  empty: '',
                  int: 42,
                  negative: -7,
                  zero: 0,
                  maxSafe: Number.MAX_SAFE_INTEGER,
                  big: '1152921504606846976',
                  negativeBig: '-1152921504606846976',
                  double: 3.25,
                  negativeDouble: -0.5,
                  yes: true,
                  no: false,
                  bytes: Uint8Array.of(0, 1, 127, 128, 255),
                  strings: ['documents:read', 'search:query'],
                  mixed: [1, 'x', false, 2.5],
                  emptyArray: [],
                  map: { kvlist: { nested: 'v', deeper: { kvlist: { n: 1, list: ['a'] } } } },
                  ['__proto__']: 'just a key',
                },
                droppedAttributesCount: 3,
                events: [
                  {
                    timeUnixNano: 1767225600500000000n,
                    name: 'tollgate.denial',
                    attributes: { reason: 'scope', code: 403 },
                    droppedAttributesCount: 0,
                  },
                  {
                    timeUnixNano: 1767225601000000001n,
                    name: 'exception',
                    attributes: {},
                    droppedAttributesCount: 2,
                  },
                ],
                droppedEventsCount: 4,
                links: [
                  {
                    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                    spanId: '00f067aa0ba902b8',
                    traceState: 'vendor=1',
                    attributes: { 'link.kind': 'http' },
                    droppedAttributesCount: 1,
                    flags: 0x301,
                  },
                ],
                droppedLinksCount: 5,
                status: { code: 2, message: 'boom' },
              },
            ],
          },
        ],
      },
    ],
  }
}
