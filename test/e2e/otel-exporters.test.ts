import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type HrTime, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { type ExportResult, ExportResultCode, TraceState } from '@opentelemetry/core'
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanLimits,
  TracerProvider,
} from '@opentelemetry/sdk-trace'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCollector, type TestCollector } from '../support/in-process'
import { hexId } from '../support/otlp-json'
import { hrToNs } from '../support/sdk-spans'

type ExporterConfig = NonNullable<ConstructorParameters<typeof OtlpJsonExporter>[0]>
type Compression = NonNullable<ExporterConfig['compression']>

/** The four ways an OTel JS SDK can send to us. */
const VARIANTS = [
  {
    name: 'http/json',
    slug: 'json',
    Exporter: OtlpJsonExporter,
    compression: 'none',
    contentType: 'application/json',
  },
  {
    name: 'http/json + gzip',
    slug: 'json-gz',
    Exporter: OtlpJsonExporter,
    compression: 'gzip',
    contentType: 'application/json',
  },
  {
    name: 'http/protobuf',
    slug: 'proto',
    Exporter: OtlpProtoExporter,
    compression: 'none',
    contentType: 'application/x-protobuf',
  },
  {
    name: 'http/protobuf + gzip',
    slug: 'proto-gz',
    Exporter: OtlpProtoExporter,
    compression: 'gzip',
    contentType: 'application/x-protobuf',
  },
] as const

let collector: TestCollector
let proxy: RecordingProxy

beforeAll(async () => {
  collector = await startTestCollector()
  proxy = await recordingProxy(collector.url)
})

afterAll(async () => {
  await proxy?.close()
  await collector?.close()
})

/** Passes every exporter callback through and keeps the results, so a failed export fails the test. */
class RecordingExporter implements SpanExporter {
  readonly results: ExportResult[] = []
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      this.results.push(result)
      done(result)
    })
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown()
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve()
  }
}

interface RecordingProxy {
  url: string
  /** Headers and status of every request that went through. */
  seen: { contentType: string; contentEncoding: string; status: number }[]
  close(): Promise<void>
}

/** A plain HTTP forwarder in front of the receiver: proves which encoding the exporter really used. */
async function recordingProxy(target: string): Promise<RecordingProxy> {
  const seen: RecordingProxy['seen'] = []
  const server: Server = createServer((req, res) => {
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (up) => {
      seen.push({
        contentType: String(req.headers['content-type']),
        contentEncoding: String(req.headers['content-encoding'] ?? 'identity'),
        status: up.statusCode ?? 0,
      })
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

/** Sends what `build` records through a real provider + BatchSpanProcessor + exporter, then shuts down. */
async function exportWith(
  variant: (typeof VARIANTS)[number],
  resource: Record<string, string | number | boolean>,
  build: (tracer: ReturnType<TracerProvider['getTracer']>) => void,
  spanLimits?: SpanLimits,
): Promise<{ spans: ReadableSpan[]; results: ExportResult[] }> {
  const exporter = new RecordingExporter(
    new variant.Exporter({
      url: proxy.url,
      headers: { Authorization: `Bearer ${collector.ingestKey}` },
      compression: variant.compression as Compression,
    }),
  )
  const spans: ReadableSpan[] = []
  const provider = new TracerProvider({
    resource: resourceFromAttributes(resource),
    spanLimits,
    spanProcessors: [
      {
        onStart() {},
        onEnd: (s) => void spans.push(s),
        forceFlush: async () => {},
        shutdown: async () => {},
      },
      new BatchSpanProcessor({ exporter }),
    ],
  })
  build(provider.getTracer('e2e-exporter-scope', '2.3.4'))
  await provider.forceFlush()
  await provider.shutdown()
  return { spans, results: exporter.results }
}

/** Times a minute ago (inside any retention) with nanosecond parts that survive only exact handling. */
function recentClock(): (offsetNs: number) => HrTime {
  const seconds = Math.floor(Date.now() / 1000) - 60
  return (offsetNs) => [seconds, 123_456_789 + offsetNs]
}

/** Every attribute type an OTel SDK can send, and how `spans.attributes` stores it (rows.ts conventions). */
const TYPED_ATTRIBUTES = {
  'attr.string': 'héllo wörld ✓ "quoted"',
  'attr.empty': '',
  'attr.int': 42,
  'attr.negative': -7,
  'attr.max_safe': Number.MAX_SAFE_INTEGER,
  'attr.double': 3.25,
  'attr.bool_true': true,
  'attr.bool_false': false,
  'attr.string_array': ['a', 'b,c', ''],
  'attr.int_array': [1, 2, 3],
  'attr.double_array': [1.5, -2.25],
  'attr.bool_array': [true, false],
}
const TYPED_ATTRIBUTES_STORED = {
  'attr.string': 'héllo wörld ✓ "quoted"',
  'attr.empty': '',
  'attr.int': '42',
  'attr.negative': '-7',
  'attr.max_safe': '9007199254740991',
  'attr.double': '3.25',
  'attr.bool_true': 'true',
  'attr.bool_false': 'false',
  'attr.string_array': '["a","b,c",""]',
  'attr.int_array': '[1,2,3]',
  'attr.double_array': '[1.5,-2.25]',
  'attr.bool_array': '[true,false]',
}

interface StoredSpan {
  project_id: string
  trace_id: string
  span_id: string
  parent_span_id: string
  trace_state: string
  flags: number
  name: string
  kind: string
  status_code: string
  status_message: string
  service_name: string
  scope_name: string
  scope_version: string
  resource_attributes: Record<string, string>
  attributes: Record<string, string>
  start_ns: string
  end_ns: string
  duration: string
  event_ns: string[]
  event_names: string[]
  event_attributes: Record<string, string>[]
  link_trace_ids: string[]
  link_span_ids: string[]
  link_trace_states: string[]
  link_attributes: Record<string, string>[]
  dropped_attributes_count: number
  dropped_events_count: number
  dropped_links_count: number
}

async function storedSpans(serviceName: string): Promise<Map<string, StoredSpan>> {
  const rows = await collector.rows<StoredSpan>(
    `SELECT *,
            toString(toUnixTimestamp64Nano(timestamp)) AS start_ns,
            toString(toUnixTimestamp64Nano(end_timestamp)) AS end_ns,
            toString(duration_ns) AS duration,
            arrayMap(t -> toString(toUnixTimestamp64Nano(t)), event_times) AS event_ns
     FROM ${collector.storage.database}.spans WHERE service_name = {service:String}`,
    { service: serviceName },
  )
  return new Map(rows.map((r) => [r.span_id, r]))
}

describe('OTLPTraceExporter (http/json and http/protobuf, with and without gzip) → POST /v1/traces', () => {
  for (const variant of VARIANTS) {
    it(`stores every field of SDK spans sent by the ${variant.name} exporter exactly`, async () => {
      const service = `e2e-${variant.slug}`
      const resource = {
        'service.name': service,
        'service.version': '9.9.9',
        'deployment.environment.name': 'e2e',
        'host.cpu.count': 4,
        'process.owner.root': false,
      }
      const remote = {
        traceId: hexId(16),
        spanId: hexId(8),
        traceFlags: 1,
        isRemote: true,
        traceState: new TraceState('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7'),
      }
      const at = recentClock()
      const sentBefore = proxy.seen.length
      const { spans, results } = await exportWith(
        variant,
        resource,
        (tracer) => {
          const root = tracer.startSpan('GET /orders', {
            kind: SpanKind.SERVER,
            startTime: at(0),
            attributes: TYPED_ATTRIBUTES,
          })
          root.addEvent('cache.miss', { 'cache.key': 'orders:1', attempt: 2, hit: false }, at(50_000))
          root.addEvent('no.attributes', at(60_000))
          root.setStatus({ code: SpanStatusCode.OK })
          const parent = trace.setSpan(ROOT_CONTEXT, root)
          const child = tracer.startSpan(
            'SELECT orders',
            {
              kind: SpanKind.CLIENT,
              links: [
                { context: remote, attributes: { 'link.reason': 'retry-of', 'link.attempt': 1 } },
                { context: { ...remote, spanId: hexId(8), traceState: undefined } },
              ],
            },
            parent,
          )
          child.addEvent('default clock')
          child.setStatus({ code: SpanStatusCode.ERROR, message: 'deadline exceeded: 🕰️' })
          child.end() // default clock: the SDK's sub-millisecond time must survive as is
          for (const kind of [SpanKind.INTERNAL, SpanKind.PRODUCER, SpanKind.CONSUMER]) {
            tracer.startSpan(`kind ${SpanKind[kind]}`, { kind }, parent).end()
          }
          const many = tracer.startSpan('many attributes', {}, parent)
          for (let i = 0; i < 40; i++) many.setAttribute(`k${String(i).padStart(2, '0')}`, i)
          many.end()
          root.end(at(900_000_000 - 123_456_789))
        },
        { attributeCountLimit: 32 },
      )

      expect(results.map((r) => r.code)).toEqual(results.map(() => ExportResultCode.SUCCESS))
      expect(results.length).toBeGreaterThan(0)
      const requests = proxy.seen.slice(sentBefore)
      expect(requests.length).toBeGreaterThan(0)
      for (const r of requests) {
        expect(r).toEqual({
          contentType: variant.contentType,
          contentEncoding: variant.compression === 'gzip' ? 'gzip' : 'identity',
          status: 200,
        })
      }

      const stored = await storedSpans(service)
      expect(stored.size).toBe(spans.length)
      expect(spans.length).toBe(6)
      for (const span of spans) {
        const row = stored.get(span.spanContext().spanId)
        expect(row, `span ${span.name}`).toBeDefined()
        expect(row).toMatchObject({
          project_id: collector.projectId,
          trace_id: span.spanContext().traceId,
          span_id: span.spanContext().spanId,
          parent_span_id: span.parentSpanContext?.spanId ?? '',
          name: span.name,
          kind: ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'][span.kind],
          status_code: ['UNSET', 'OK', 'ERROR'][span.status.code],
          status_message: span.status.message ?? '',
          service_name: service,
          scope_name: 'e2e-exporter-scope',
          scope_version: '2.3.4',
          start_ns: hrToNs(span.startTime).toString(),
          end_ns: hrToNs(span.endTime).toString(),
          duration: (hrToNs(span.endTime) - hrToNs(span.startTime)).toString(),
          event_names: span.events.map((e) => e.name),
          event_ns: span.events.map((e) => hrToNs(e.time).toString()),
          dropped_attributes_count: span.droppedAttributesCount,
        })
        expect(row!.flags & 0xff, 'W3C trace flags (sampled)').toBe(1)
        expect(row!.resource_attributes).toEqual({
          'service.name': service,
          'service.version': '9.9.9',
          'deployment.environment.name': 'e2e',
          'host.cpu.count': '4',
          'process.owner.root': 'false',
        })
      }

      const byName = new Map([...stored.values()].map((r) => [r.name, r]))
      const root = byName.get('GET /orders')!
      expect(root.attributes).toEqual(TYPED_ATTRIBUTES_STORED)
      expect(root.parent_span_id).toBe('')
      expect(root.event_attributes).toEqual([{ 'cache.key': 'orders:1', attempt: '2', hit: 'false' }, {}])
      expect(root.duration).toBe('776543211')

      const child = byName.get('SELECT orders')!
      expect(child.parent_span_id).toBe(root.span_id)
      expect(child.trace_id).toBe(root.trace_id)
      expect(child.link_trace_ids).toEqual([remote.traceId, remote.traceId])
      expect(child.link_span_ids).toEqual([
        remote.spanId,
        spans.find((s) => s.name === 'SELECT orders')!.links[1]!.context.spanId,
      ])
      expect(child.link_trace_states).toEqual(['congo=t61rcWkgMzE,rojo=00f067aa0ba902b7', ''])
      expect(child.link_attributes).toEqual([{ 'link.reason': 'retry-of', 'link.attempt': '1' }, {}])
      expect(child.status_message).toBe('deadline exceeded: 🕰️')
      expect(child.event_attributes).toEqual([{}])

      const many = byName.get('many attributes')!
      expect(Object.keys(many.attributes)).toHaveLength(32)
      expect(many.attributes.k00).toBe('0')
      expect(many.attributes.k31).toBe('31')
      expect(many.dropped_attributes_count).toBe(8)
    })
  }
})

/** An MCP `tools/call` server span as `@tollgate/sdk` emits it for a denied, write-class call (semconv.ts names). */
function deniedToolCall(
  tracer: ReturnType<TracerProvider['getTracer']>,
  at: (offsetNs: number) => HrTime,
): void {
  const previousSpanId = hexId(8)
  const span = tracer.startSpan('tools/call delete_invoice', {
    kind: SpanKind.SERVER,
    startTime: at(0),
    attributes: {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'delete_invoice',
      'gen_ai.operation.name': 'execute_tool',
      'jsonrpc.request.id': '17',
      'mcp.session.id': 'sess-e2e-mcp',
      'mcp.protocol.version': '2025-06-18',
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'client.address': '10.0.0.7',
      'error.type': 'tool_error',
      'gen_ai.tool.call.arguments': '{"invoice":"INV-1"}',
      'gen_ai.tool.call.result': '{"content":[{"type":"text","text":"not allowed"}],"isError":true}',
      'tollgate.user.id': 'user-42',
      'tollgate.agent.id': 'agent-7',
      'tollgate.oauth.client_id': 'client-abc',
      'tollgate.oauth.scopes': ['invoices:read', 'profile'],
      'tollgate.token.audience': 'https://mcp.example.com',
      'tollgate.token.audience_match': true,
      'tollgate.tenant': 'acme',
      'tollgate.server.name': 'billing',
      'tollgate.server.version': '1.4.0',
      'tollgate.client.name': 'claude-desktop',
      'tollgate.client.version': '0.9.1',
      'tollgate.session.step': 3,
      'tollgate.session.prev_span_id': previousSpanId,
      'tollgate.authz.outcome': 'denied',
      'tollgate.authz.denial_source': 'explicit',
      'tollgate.side_effect': 'write',
      'tollgate.approval.status': 'none',
      'tollgate.input.bytes': 19,
      'tollgate.output.bytes': 64,
      'tollgate.flag.untrusted': true,
      'tollgate.flag.injection_suspected': false,
      'tollgate.flag.rules': ['html-in-result'],
      // The project comes from the ingest key, never from the payload.
      project_id: 'proj_attacker',
      'tollgate.project.id': 'proj_attacker',
    },
  })
  span.addEvent(
    'tollgate.denial',
    {
      'tollgate.denial.resource': 'invoice:INV-1',
      'tollgate.denial.action': 'delete',
      'tollgate.denial.reason': 'scope invoices:write missing',
      'tollgate.denial.policy': 'scopes',
    },
    at(1_000),
  )
  span.addEvent(
    'tollgate.provenance',
    {
      'tollgate.provenance.source': 'billing-db',
      'tollgate.provenance.uri': 'postgres://billing/invoices/INV-1',
      'tollgate.provenance.filter': "tenant = 'acme'",
      'tollgate.provenance.tenant': 'acme',
      'tollgate.provenance.as_of': '2026-11-01T10:00:00.123456789Z',
      'tollgate.provenance.excluded.count': 2,
      'tollgate.provenance.excluded.reason': 'other tenant',
    },
    at(2_000),
  )
  span.addEvent(
    'tollgate.redaction',
    { 'tollgate.redaction.field': 'arguments.card_number', 'tollgate.redaction.rule': 'pan' },
    at(3_000),
  )
  span.setStatus({ code: SpanStatusCode.ERROR })
  span.end(at(5_000_000))
}

describe('OTLPTraceExporter → mcp_calls and mcp_events', () => {
  it('maps an MCP server span (denied tools/call with provenance) into one call row and its event rows', async () => {
    const at = recentClock()
    const { spans, results } = await exportWith(
      VARIANTS[2],
      { 'service.name': 'billing-mcp', project_id: 'proj_attacker' },
      (tracer) => deniedToolCall(tracer, at),
    )
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS])
    const span = spans[0]!
    const { traceId, spanId } = span.spanContext()
    const db = collector.storage.database

    const calls = await collector.rows(
      `SELECT * EXCEPT (timestamp, duration_ns), toString(toUnixTimestamp64Nano(timestamp)) AS start_ns,
              toString(duration_ns) AS duration
       FROM ${db}.mcp_calls WHERE trace_id = {traceId:String}`,
      { traceId },
    )
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({
      project_id: collector.projectId,
      start_ns: hrToNs(span.startTime).toString(),
      duration: '5000000',
      trace_id: traceId,
      span_id: spanId,
      parent_span_id: '',
      span_kind: 'SERVER',
      service_name: 'billing-mcp',
      session_id: 'sess-e2e-mcp',
      step: 3,
      prev_span_id: span.attributes['tollgate.session.prev_span_id'],
      method: 'tools/call',
      target: 'delete_invoice',
      request_id: '17',
      protocol_version: '2025-06-18',
      transport: 'tcp',
      server_name: 'billing',
      server_version: '1.4.0',
      client_name: 'claude-desktop',
      client_version: '0.9.1',
      client_address: '10.0.0.7',
      user_id: 'user-42',
      agent_id: 'agent-7',
      oauth_client_id: 'client-abc',
      tenant: 'acme',
      scopes: ['invoices:read', 'profile'],
      token_audience: 'https://mcp.example.com',
      audience_match: 'match',
      outcome: 'denied',
      authz_outcome: 'denied',
      denial_source: 'explicit',
      error_type: 'tool_error',
      error_code: 0,
      caller_fault: 0,
      side_effect: 'write',
      approval: 'none',
      input: '{"invoice":"INV-1"}',
      output: '{"content":[{"type":"text","text":"not allowed"}],"isError":true}',
      input_bytes: 19,
      output_bytes: 64,
      untrusted: 1,
      injection_suspected: 0,
      flag_rules: ['html-in-result'],
      denial_count: 1,
      provenance_count: 1,
      redaction_count: 1,
    })

    const events = await collector.rows<Record<string, unknown>>(
      `SELECT * EXCEPT (timestamp, as_of), toString(toUnixTimestamp64Nano(timestamp)) AS time_ns,
              toString(toUnixTimestamp64Nano(as_of)) AS as_of_ns
       FROM ${db}.mcp_events WHERE trace_id = {traceId:String} ORDER BY timestamp`,
      { traceId },
    )
    const common = {
      project_id: collector.projectId,
      trace_id: traceId,
      span_id: spanId,
      session_id: 'sess-e2e-mcp',
      method: 'tools/call',
      target: 'delete_invoice',
      user_id: 'user-42',
      agent_id: 'agent-7',
      tenant: 'acme',
    }
    expect(events.map((e) => e.kind)).toEqual(['denial', 'provenance', 'redaction'])
    expect(events[0]).toMatchObject({
      ...common,
      kind: 'denial',
      time_ns: hrToNs(span.events[0]!.time).toString(),
      lookup_key: 'invoice:INV-1',
      resource: 'invoice:INV-1',
      action: 'delete',
      reason: 'scope invoices:write missing',
      policy: 'scopes',
      inferred: 0,
    })
    expect(events[1]).toMatchObject({
      ...common,
      kind: 'provenance',
      time_ns: hrToNs(span.events[1]!.time).toString(),
      lookup_key: 'postgres://billing/invoices/INV-1',
      source: 'billing-db',
      uri: 'postgres://billing/invoices/INV-1',
      filter: "tenant = 'acme'",
      source_tenant: 'acme',
      as_of_ns: '1793527200123456789',
      excluded_count: 2,
      reason: 'other tenant',
    })
    expect(events[2]).toMatchObject({ ...common, kind: 'redaction', lookup_key: 'arguments.card_number' })

    // The payload's project claims are kept as data, never used as the row's project.
    const [spanRow] = await collector.rows<{ project_id: string; attributes: Record<string, string> }>(
      `SELECT project_id, attributes, resource_attributes FROM ${db}.spans WHERE span_id = {spanId:String}`,
      { spanId },
    )
    // Payloads live only in mcp_calls (payload TTL and access rules), never in spans.attributes.
    expect(Object.keys(spanRow!.attributes).filter((k) => k.startsWith('gen_ai.tool.call.'))).toEqual([])
    expect(spanRow!.attributes['gen_ai.tool.name']).toBe('delete_invoice')
    expect(spanRow).toMatchObject({
      project_id: collector.projectId,
      attributes: { project_id: 'proj_attacker', 'tollgate.project.id': 'proj_attacker' },
      resource_attributes: { 'service.name': 'billing-mcp', project_id: 'proj_attacker' },
    })
    const projects = await collector.rows<{ project_id: string }>(
      `SELECT DISTINCT project_id FROM (SELECT project_id FROM ${db}.spans UNION ALL
         SELECT project_id FROM ${db}.mcp_calls UNION ALL SELECT project_id FROM ${db}.mcp_events)`,
    )
    expect(projects).toEqual([{ project_id: collector.projectId }])
  })
})
