import { SpanKind } from '@opentelemetry/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCollector, type TestCollector } from '../support/in-process'
import { mcpSpans, otlpJsonBody } from '../support/otlp-json'
import {
  exportTraces,
  parseExportResponse,
  type RawResponse,
  responseFormat,
  type WireFormat,
} from '../support/otlp-wire'
import { protobufBody, recordSpans } from '../support/sdk-spans'
import { metricValue, spanIdCounts } from '../support/tables'

const OTHER_PROJECT = 'proj_e2e_other'

let c: TestCollector
let otherKey: string

beforeAll(async () => {
  c = await startTestCollector()
  otherKey = (await c.keys.create(OTHER_PROJECT, 'dedup-other')).key
})

afterAll(async () => {
  await c?.close()
})

const duplicates = () => metricValue(c, 'tollgate_duplicate_requests_total')

function expectFullSuccess(res: RawResponse, format: WireFormat): void {
  expect(res.status, res.body.toString('utf8').slice(0, 300)).toBe(200)
  expect(responseFormat(res)).toBe(format)
  expect(parseExportResponse(format, res.body)).toEqual({ rejectedSpans: 0, errorMessage: '' })
}

/** Rows per table for the given span ids, in one project. */
async function rowsFor(
  projectId: string,
  spanIds: string[],
): Promise<{ spans: number; calls: number; events: number }> {
  const db = c.storage.database
  const [row] = await c.rows<{ spans: string; calls: string; events: string }>(
    `SELECT
       (SELECT count() FROM ${db}.spans WHERE project_id = {p:String} AND span_id IN {ids:Array(String)}) AS spans,
       (SELECT count() FROM ${db}.mcp_calls WHERE project_id = {p:String} AND span_id IN {ids:Array(String)}) AS calls,
       (SELECT count() FROM ${db}.mcp_events WHERE project_id = {p:String} AND span_id IN {ids:Array(String)}) AS events`,
    { p: projectId, ids: spanIds },
  )
  return { spans: Number(row!.spans), calls: Number(row!.calls), events: Number(row!.events) }
}

/** 20 MCP calls with one denial and one provenance event each, as protobuf bytes. */
async function mcpProtobufRequest(label: string): Promise<{ body: Buffer; spanIds: string[] }> {
  const spans = await recordSpans((tracer) => {
    for (let i = 0; i < 20; i++) {
      const span = tracer.startSpan(`tools/call lookup_${label}`, {
        kind: SpanKind.SERVER,
        attributes: {
          'mcp.method.name': 'tools/call',
          'gen_ai.tool.name': `lookup_${label}`,
          'mcp.session.id': `sess-${label}`,
          'jsonrpc.request.id': String(i),
        },
      })
      span.addEvent('tollgate.denial', { 'tollgate.denial.resource': `doc:${label}/${i}` })
      span.addEvent('tollgate.provenance', { 'tollgate.provenance.uri': `kb://${label}/${i}` })
      span.end()
    }
  })
  return { body: protobufBody(spans), spanIds: spans.map((s) => s.spanContext().spanId) }
}

describe('POST /v1/traces resend deduplication', () => {
  let shared: { body: string; spanIds: string[] }

  it('stores an identical JSON request resent three times in a row once, and counts two duplicates', async () => {
    const spans = mcpSpans(50, 'dedup-seq')
    shared = { body: otlpJsonBody(spans), spanIds: spans.map((s) => s.spanId) }
    const before = await duplicates()
    for (let i = 0; i < 3; i++) {
      expectFullSuccess(await exportTraces(c.url, shared.body, { format: 'json', key: c.ingestKey }), 'json')
    }
    expect(await rowsFor(c.projectId, shared.spanIds)).toEqual({ spans: 50, calls: 50, events: 0 })
    expect([...(await spanIdCounts(c, shared.spanIds)).values()]).toEqual(shared.spanIds.map(() => 1))
    expect((await duplicates()) - before).toBe(2)
  })

  it('stores an identical protobuf request resent three times in a row once, events included', async () => {
    const { body, spanIds } = await mcpProtobufRequest('seq')
    const before = await duplicates()
    for (let i = 0; i < 3; i++) {
      expectFullSuccess(await exportTraces(c.url, body, { format: 'protobuf', key: c.ingestKey }), 'protobuf')
    }
    expect(await rowsFor(c.projectId, spanIds)).toEqual({ spans: 20, calls: 20, events: 40 })
    expect((await duplicates()) - before).toBe(2)
  })

  it('stores an identical request sent three times at once once: the copies join the first write', async () => {
    const { body, spanIds } = await mcpProtobufRequest('concurrent')
    const spans = mcpSpans(50, 'dedup-concurrent')
    const json = otlpJsonBody(spans)
    const before = await duplicates()
    const answers = await Promise.all([
      ...Array.from({ length: 3 }, () => exportTraces(c.url, body, { format: 'protobuf', key: c.ingestKey })),
      ...Array.from({ length: 3 }, () => exportTraces(c.url, json, { format: 'json', key: c.ingestKey })),
    ])
    for (const res of answers.slice(0, 3)) expectFullSuccess(res, 'protobuf')
    for (const res of answers.slice(3)) expectFullSuccess(res, 'json')
    expect(await rowsFor(c.projectId, spanIds)).toEqual({ spans: 20, calls: 20, events: 40 })
    const jsonIds = spans.map((s) => s.spanId)
    expect(await rowsFor(c.projectId, jsonIds)).toEqual({ spans: 50, calls: 50, events: 0 })
    expect((await duplicates()) - before).toBe(4)
  })

  it('recognises a resend that arrives gzip-compressed as the same request (digest of the decoded body)', async () => {
    const before = await duplicates()
    expectFullSuccess(
      await exportTraces(c.url, shared.body, { format: 'json', key: c.ingestKey, gzip: true }),
      'json',
    )
    expect(await rowsFor(c.projectId, shared.spanIds)).toEqual({ spans: 50, calls: 50, events: 0 })
    expect((await duplicates()) - before).toBe(1)
  })

  it('stores the same bytes under another project key for that project: dedup is per project', async () => {
    const before = await duplicates()
    expectFullSuccess(await exportTraces(c.url, shared.body, { format: 'json', key: otherKey }), 'json')
    expect(await rowsFor(OTHER_PROJECT, shared.spanIds)).toEqual({ spans: 50, calls: 50, events: 0 })
    expect(await rowsFor(c.projectId, shared.spanIds)).toEqual({ spans: 50, calls: 50, events: 0 })
    expect((await duplicates()) - before).toBe(0)

    // …and that project's own resends are deduplicated in turn.
    await Promise.all(
      Array.from({ length: 2 }, async () =>
        expectFullSuccess(await exportTraces(c.url, shared.body, { format: 'json', key: otherKey }), 'json'),
      ),
    )
    expect(await rowsFor(OTHER_PROJECT, shared.spanIds)).toEqual({ spans: 50, calls: 50, events: 0 })
    expect((await duplicates()) - before).toBe(2)
  })
})
