import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { IngestKeyStore } from '@tollgate/collector'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestCollector, type TestCollector } from '../support/in-process'
import {
  BROKEN_PROTOBUF,
  deeplyNestedProtobuf,
  gzipBomb,
  INVALID_JSON,
  jsonRequest,
  jsonSpan,
  outOfRangeTimeJson,
  protobufSpanWithRawStrings,
  rejectedSpanJson,
  wrongTypeJson,
} from '../support/malformed-corpus'
import { hexId, mcpSpans, otlpJsonBody } from '../support/otlp-json'
import {
  CONTENT_TYPE,
  exportTraces,
  parseExportResponse,
  parseRpcStatus,
  type RawResponse,
  randomBytesFrom,
  responseFormat,
  seededRandom,
  send,
  uploadPastRefusal,
  type WireFormat,
} from '../support/otlp-wire'
import { protobufBody, recordSpans, simpleSpans, withIds } from '../support/sdk-spans'
import { metricValue, spanIdCounts, type TableCounts, tableCounts } from '../support/tables'

/** Small limits, so every limit can be crossed with small bodies. */
const LIMITS = {
  maxValueLength: 256,
  maxAttributesPerSpan: 16,
  maxSpansPerRequest: 100,
  maxEventsPerSpan: 8,
  maxLinksPerSpan: 4,
  maxAgeDays: 30,
}
const BODY = { maxBodyBytes: 2 << 20, maxDecompressedBytes: 16 << 20 }
const MARKER = '…[truncated]'

let c: TestCollector
/**
 * Row counts every refused request must leave as they are: taken after each test, so a
 * test that fails after storing something does not fail the ones after it.
 */
let expected: TableCounts

beforeAll(async () => {
  c = await startTestCollector({ limits: LIMITS, body: BODY })
  // Something stored first, so "unchanged" is not trivially "still empty".
  const res = await exportTraces(c.url, otlpJsonBody(mcpSpans(3, 'seed')), {
    format: 'json',
    key: c.ingestKey,
  })
  expect(res.status).toBe(200)
  expected = await tableCounts(c)
  expect(expected.spans).toBe(3)
})

afterEach(async () => {
  expected = await tableCounts(c)
})

afterAll(async () => {
  await c?.close()
})

/** Asserts a clean refusal: the status, a google.rpc.Status body in the request's encoding, nothing stored. */
async function expectRefused(res: RawResponse, status: number, format: WireFormat = 'json'): Promise<void> {
  expect(res.status, res.body.toString('utf8').slice(0, 300)).toBe(status)
  expect(responseFormat(res)).toBe(format)
  const body = parseRpcStatus(format, res.body)
  expect(body.code, 'gRPC status code').toBeGreaterThan(0)
  expect(body.message).not.toBe('')
  expect(await tableCounts(c)).toEqual(expected)
}

/** Asserts a 200 whose partialSuccess reports `rejected` spans; returns the parsed response. */
function expectAccepted(res: RawResponse, format: WireFormat, rejected: number) {
  expect(res.status, res.body.toString('utf8').slice(0, 300)).toBe(200)
  expect(responseFormat(res)).toBe(format)
  const partial = parseExportResponse(format, res.body)
  expect(partial.rejectedSpans).toBe(rejected)
  if (rejected > 0) expect(partial.errorMessage).not.toBe('')
  return partial
}

const post = (
  body: Uint8Array | string,
  format: WireFormat = 'json',
  headers: Record<string, string | undefined> = {},
) => exportTraces(c.url, body, { format, key: c.ingestKey, headers })

describe('POST /v1/traces routing, media type and encoding', () => {
  it('answers 404 on other paths and 405 (Allow: POST) on other methods', async () => {
    const body = otlpJsonBody(mcpSpans(1, 'routing'))
    const headers = { 'content-type': CONTENT_TYPE.json, authorization: `Bearer ${c.ingestKey}` }
    for (const path of [
      '/',
      '/v1/logs',
      '/v1/metrics',
      '/v1/traces/',
      '/v1/traces/x',
      '/V1/TRACES',
      '/v1/traces%00',
    ]) {
      await expectRefused(await send(c.url, { path, headers, body }), 404)
    }
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const res = await send(c.url, { method, headers, body: method === 'GET' ? undefined : body })
      await expectRefused(res, 405)
      expect(res.headers.allow).toBe('POST')
    }
  })

  it('answers 415 to any Content-Type but OTLP protobuf/JSON, in JSON', async () => {
    const body = otlpJsonBody(mcpSpans(1, 'media'))
    for (const type of [
      undefined,
      'text/plain',
      'application/grpc',
      'application/jsonx',
      'application/x-www-form-urlencoded',
      '',
    ]) {
      await expectRefused(await post(body, 'json', { 'content-type': type }), 415, 'json')
    }
  })

  it('answers 415 to Content-Encodings other than gzip/deflate/identity', async () => {
    const body = gzipSync(otlpJsonBody(mcpSpans(1, 'encoding')))
    for (const encoding of ['br', 'zstd', 'compress', 'gzip, br']) {
      await expectRefused(await post(body, 'json', { 'content-encoding': encoding }), 415, 'json')
      await expectRefused(await post(body, 'protobuf', { 'content-encoding': encoding }), 415, 'protobuf')
    }
  })

  it('answers 400 to a body that claims gzip or deflate but is not, or is a cut gzip stream', async () => {
    const json = otlpJsonBody(mcpSpans(2, 'fake-gzip'))
    await expectRefused(await post(json, 'json', { 'content-encoding': 'gzip' }), 400)
    await expectRefused(await post(json, 'json', { 'content-encoding': 'deflate' }), 400)
    const gz = gzipSync(json)
    for (const cut of [1, 10, gz.length >> 1, gz.length - 4]) {
      await expectRefused(await post(gz.subarray(0, cut), 'json', { 'content-encoding': 'gzip' }), 400)
    }
  })

  it('accepts parameters on the media type and a query string on the path', async () => {
    const spans = mcpSpans(2, 'params')
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${c.ingestKey}`,
    }
    expectAccepted(
      await send(c.url, { path: '/v1/traces?source=e2e', headers, body: otlpJsonBody(spans) }),
      'json',
      0,
    )
    expect([
      ...(
        await spanIdCounts(
          c,
          spans.map((s) => s.spanId),
        )
      ).values(),
    ]).toEqual([1, 1])
  })
})

describe('POST /v1/traces authentication', () => {
  const body = otlpJsonBody(mcpSpans(1, 'auth'))

  it('answers 401 with WWW-Authenticate to a missing, malformed or unknown key', async () => {
    for (const authorization of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `Token ${c.ingestKey}`,
    ]) {
      const res = await post(body, 'json', { authorization })
      await expectRefused(res, 401)
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /)
    }
    for (const key of [
      'tg_ingest_unknown0000000000000000000000000000',
      `${c.ingestKey}x`,
      c.ingestKey.slice(0, -1),
    ]) {
      const res = await exportTraces(c.url, body, { format: 'protobuf', key })
      await expectRefused(res, 401, 'protobuf')
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /)
    }
  })

  it("answers 403 to a key revoked through the receiver's key store at once, other keys unaffected", async () => {
    const { key, id } = await c.keys.create(c.projectId, 'revoked-here')
    expectAccepted(await exportTraces(c.url, body, { format: 'json', key }), 'json', 0)
    expected = await tableCounts(c)
    await c.keys.revoke(id)
    await expectRefused(await exportTraces(c.url, body, { format: 'json', key }), 403)
    await expectRefused(await exportTraces(c.url, body, { format: 'protobuf', key }), 403, 'protobuf')
    expectAccepted(await post(otlpJsonBody(mcpSpans(1, 'other-key'))), 'json', 0)
  })

  it('answers 403 to a key revoked by another process once the verify cache expires', async () => {
    const { key, prefix } = await c.keys.create(c.projectId, 'revoked-elsewhere')
    expectAccepted(await exportTraces(c.url, body, { format: 'json', key }), 'json', 0)
    // A second store on the same database stands in for the CLI (`tollgate keys revoke`).
    await new IngestKeyStore(c.storage).revoke(prefix)
    const revokedAt = Date.now()
    let res = await exportTraces(c.url, body, { format: 'json', key })
    // Until the cached verdict expires (IngestKeyStore cacheTtlMs, 5 s by default) the key still works.
    while (res.status === 200 && Date.now() - revokedAt < 10_000) {
      await new Promise((r) => setTimeout(r, 250))
      res = await exportTraces(c.url, body, { format: 'json', key })
    }
    expected = await tableCounts(c)
    await expectRefused(res, 403)
    expect(Date.now() - revokedAt, 'ms until the revocation took effect').toBeLessThan(7_000)
  })
})

describe('POST /v1/traces body size limits', () => {
  it('answers 413 to a body over maxBodyBytes, declared or streamed without a length', async () => {
    await expectRefused(await post(Buffer.alloc(BODY.maxBodyBytes + 1, 0x20)), 413)
    await expectRefused(await post(Buffer.alloc(4 * BODY.maxBodyBytes, 0x20), 'protobuf'), 413, 'protobuf')
    const stream = Readable.from(
      (function* () {
        for (let sent = 0; sent <= BODY.maxBodyBytes; sent += 256 << 10) yield Buffer.alloc(256 << 10, 0x20)
      })(),
    )
    const headers = { 'content-type': CONTENT_TYPE.protobuf, authorization: `Bearer ${c.ingestKey}` }
    await expectRefused(await send(c.url, { body: stream, headers }), 413, 'protobuf')
  })

  it('reads the rest of a refused upload instead of resetting the connection (RFC 9112 §9.6)', async () => {
    // An OTel exporter sending gzip streams its body chunked; it reads our answer only once it
    // has written everything. Closing on it makes its TCP stack reset the connection and drop
    // the 413: the exporter sees a network error and retries the same oversized body.
    const headers = {
      'content-type': CONTENT_TYPE.protobuf,
      'content-encoding': 'gzip',
      authorization: `Bearer ${c.ingestKey}`,
    }
    const uploads = {
      chunked: { before: BODY.maxBodyBytes + (256 << 10), after: 1 << 20, framing: 'chunked' },
      'content-length': { before: 256 << 10, after: 1 << 20, contentLength: 4 * BODY.maxBodyBytes },
    } as const
    for (const [framing, upload] of Object.entries(uploads)) {
      const answer = await uploadPastRefusal(c.url, headers, upload)
      expect(answer.status, `${framing}: ${answer.head}`).toBe(413)
      expect(answer.error, `${framing}: connection error after the 413`).toBeUndefined()
    }
    expect(await tableCounts(c)).toEqual(expected)
  })

  it('answers 413 quickly to a 1 GiB gzip bomb, with memory bounded', async () => {
    const bomb = await gzipBomb(1 << 30)
    expect(bomb.length).toBeLessThan(BODY.maxBodyBytes)
    const rssBefore = process.memoryUsage().rss
    let rssPeak = rssBefore
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    }, 5)
    const started = performance.now()
    try {
      for (const format of ['json', 'protobuf'] as const) {
        await expectRefused(await post(bomb, format, { 'content-encoding': 'gzip' }), 413, format)
      }
      // Concatenated gzip members inflate to their concatenation (RFC 1952): the cap holds across members.
      const member = gzipSync(Buffer.alloc(1 << 20))
      const members = Buffer.concat(Array.from({ length: 64 }, () => member))
      await expectRefused(await post(members, 'json', { 'content-encoding': 'gzip' }), 413)
    } finally {
      clearInterval(sampler)
    }
    expect(performance.now() - started, 'ms to refuse three bombs').toBeLessThan(10_000)
    expect((rssPeak - rssBefore) / 2 ** 20, 'MiB of RSS growth').toBeLessThan(200)
  })
})

describe('POST /v1/traces undecodable bodies', () => {
  it('answers 400 to invalid JSON', async () => {
    for (const [name, text] of INVALID_JSON) {
      const res = await post(text)
      expect(res.status, name).toBe(400)
      await expectRefused(res, 400)
    }
  })

  it('answers 400 to valid JSON with wrong types anywhere in the request', async () => {
    for (const [name, text] of wrongTypeJson()) {
      const res = await post(text)
      expect(res.status, `${name}: ${res.body.toString().slice(0, 200)}`).toBe(400)
      await expectRefused(res, 400)
    }
  })

  it('answers 400 to random bytes sent as JSON', async () => {
    const rand = seededRandom(0x7011)
    for (let i = 0; i < 60; i++) {
      const res = await post(randomBytesFrom(rand, 1 + Math.floor(rand() * 2048)))
      expect(res.status, `body #${i}`).toBe(400)
      expect(parseRpcStatus(responseFormat(res), res.body).code).toBeGreaterThan(0)
    }
    expect(await tableCounts(c)).toEqual(expected)
  })

  it('answers 400 (or 200 storing nothing) to random bytes sent as protobuf', async () => {
    const rand = seededRandom(0x9a7e)
    const statuses = new Set<number>()
    for (let i = 0; i < 120; i++) {
      const res = await post(randomBytesFrom(rand, 1 + Math.floor(rand() * 2048)), 'protobuf')
      statuses.add(res.status)
      expect([200, 400], `body #${i}`).toContain(res.status)
      expect(responseFormat(res)).toBe('protobuf')
      if (res.status === 400) expect(parseRpcStatus('protobuf', res.body).code).toBe(3)
      else parseExportResponse('protobuf', res.body)
    }
    expect(statuses.has(400)).toBe(true)
    expect(await tableCounts(c)).toEqual(expected)
  })

  it('answers 400 to a valid protobuf request cut at every offset', async () => {
    const spans = await recordSpans((tracer) => {
      for (let i = 0; i < 3; i++) {
        const s = tracer.startSpan(`cut ${i}`, {
          attributes: { 'mcp.method.name': 'tools/call', i, list: ['a', 'b'] },
        })
        s.addEvent('tollgate.denial', { 'tollgate.denial.resource': `r${i}` })
        s.end()
      }
    })
    const body = protobufBody(spans)
    expect(body.length).toBeGreaterThan(300)
    for (let cut = 1; cut < body.length; cut++) {
      const res = await post(body.subarray(0, cut), 'protobuf')
      expect(res.status, `cut at ${cut} of ${body.length}`).toBe(400)
      expect(parseRpcStatus(responseFormat(res), res.body).code).toBe(3)
    }
    // Every prefix refused whole: not one span of the three was written.
    expect(await tableCounts(c)).toEqual(expected)
    expectAccepted(await post(body, 'protobuf'), 'protobuf', 0)
  })

  it('answers 400 to a valid JSON request cut at many offsets', async () => {
    const body = Buffer.from(otlpJsonBody(mcpSpans(2, 'json-cut')))
    for (let cut = 1; cut < body.length; cut += 5) {
      const res = await post(body.subarray(0, cut))
      expect(res.status, `cut at ${cut} of ${body.length}`).toBe(400)
    }
    expect(await tableCounts(c)).toEqual(expected)
  })

  it('answers 400 to broken protobuf framing and to recursion bombs', async () => {
    for (const [name, body] of BROKEN_PROTOBUF) {
      const res = await post(body, 'protobuf')
      expect(res.status, name).toBe(400)
      await expectRefused(res, 400, 'protobuf')
    }
    await expectRefused(await post(deeplyNestedProtobuf(5000), 'protobuf'), 400, 'protobuf')
  })

  it('answers 200 with nothing stored to empty requests', async () => {
    expect(await post(Buffer.alloc(0), 'protobuf').then((r) => expectAccepted(r, 'protobuf', 0))).toEqual({
      rejectedSpans: 0,
      errorMessage: '',
    })
    for (const text of [
      '{}',
      '{"resourceSpans":[]}',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[]}]}]}',
      '{"unknownField":1}',
    ]) {
      expectAccepted(await post(text), 'json', 0)
    }
    expect(await tableCounts(c)).toEqual(expected)
  })
})

describe('POST /v1/traces span validation (partialSuccess)', () => {
  it('rejects each span with a bad id or time alone and stores nothing', async () => {
    for (const [name, span] of rejectedSpanJson()) {
      const res = await post(jsonRequest([span]))
      expect(res.status, name).toBe(200)
      expectAccepted(res, 'json', 1)
    }
    expect(await tableCounts(c)).toEqual(expected)
  })

  it('stores the good spans of a mixed JSON request and counts the bad ones', async () => {
    const bad = rejectedSpanJson().map(([, s]) => s)
    const good = Array.from({ length: 5 }, (_, i) => jsonSpan({ name: `good ${i}` }))
    good.push(jsonSpan({ name: 'zero parent = root', parentSpanId: '0'.repeat(16) }))
    const uppercase = hexId(8).toUpperCase()
    good.push(jsonSpan({ name: 'uppercase hex id', spanId: uppercase }))
    const mixed = [...bad.slice(0, 7), ...good.slice(0, 3), ...bad.slice(7), ...good.slice(3)]
    expectAccepted(await post(jsonRequest(mixed)), 'json', bad.length)

    const ids = good.map((s) => String(s.spanId).toLowerCase())
    expect([...(await spanIdCounts(c, ids)).values()]).toEqual(ids.map(() => 1))
    const now = await tableCounts(c)
    expect(now).toEqual({
      ...expected,
      spans: expected.spans + good.length,
      mcp_calls: expected.mcp_calls + good.length,
    })
    const [root] = await c.rows<{ parent_span_id: string }>(
      `SELECT parent_span_id FROM ${c.storage.database}.spans WHERE span_id = {id:String}`,
      { id: ids[5] },
    )
    expect(root).toEqual({ parent_span_id: '' })
  })

  it('stores the good spans of a mixed protobuf request and counts the bad ones', async () => {
    const real = await simpleSpans(8, 'proto-mixed')
    const bad = [
      withIds(real[0]!, { traceId: hexId(15) }),
      withIds(real[1]!, { traceId: '0'.repeat(32) }),
      withIds(real[2]!, { spanId: hexId(9) }),
      withIds(real[3]!, { spanId: '0'.repeat(16) }),
      withIds(real[4]!, { parentSpanId: hexId(4) }),
    ]
    const good = real.slice(5)
    expectAccepted(await post(protobufBody([...bad, ...good]), 'protobuf'), 'protobuf', bad.length)
    const ids = good.map((s) => s.spanContext().spanId)
    expect([...(await spanIdCounts(c, ids)).values()]).toEqual([1, 1, 1])
    const now = await tableCounts(c)
    expect(now).toEqual({ ...expected, spans: expected.spans + 3 })
  })
})

describe('POST /v1/traces ingest limits', () => {
  it('truncates values over maxValueLength with the marker and counts them', async () => {
    const before = await metricValue(c, 'tollgate_truncated_values_total')
    const span = jsonSpan({
      name: 'n'.repeat(300),
      attributes: [
        { key: 'big', value: { stringValue: 'x'.repeat(1000) } },
        { key: 'accents', value: { stringValue: 'é'.repeat(300) } },
        { key: 'emoji', value: { stringValue: `${'a'.repeat(255)}😀tail` } },
        {
          key: 'list',
          value: { arrayValue: { values: [{ stringValue: 'y'.repeat(300) }, { stringValue: 'ok' }] } },
        },
        { key: 'exact', value: { stringValue: 'z'.repeat(256) } },
      ],
    })
    expectAccepted(await post(jsonRequest([span])), 'json', 0)
    const [row] = await c.rows<{
      name: string
      attributes: Record<string, string>
      truncated_values: number
    }>(
      `SELECT name, attributes, truncated_values FROM ${c.storage.database}.spans WHERE span_id = {id:String}`,
      { id: span.spanId },
    )
    expect(row!.name).toBe(`${'n'.repeat(256)}${MARKER}`)
    expect(row!.attributes.big).toBe(`${'x'.repeat(256)}${MARKER}`)
    expect(row!.attributes.accents).toBe(`${'é'.repeat(256)}${MARKER}`)
    // The cut never splits a surrogate pair.
    expect(row!.attributes.emoji).toBe(`${'a'.repeat(255)}${MARKER}`)
    expect(JSON.parse(row!.attributes.list!)).toEqual([`${'y'.repeat(256)}${MARKER}`, 'ok'])
    expect(row!.attributes.exact).toBe('z'.repeat(256))
    expect(row!.truncated_values).toBe(5)
    expect((await metricValue(c, 'tollgate_truncated_values_total')) - before).toBe(5)
  })

  it('keeps the first maxAttributesPerSpan attributes, events and links and counts the dropped', async () => {
    const attributes = Array.from({ length: 20 }, (_, i) => ({
      key: `a${String(i).padStart(2, '0')}`,
      value: { intValue: i },
    }))
    const events = Array.from({ length: 10 }, (_, i) => ({
      name: `e${i}`,
      timeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
    }))
    const links = Array.from({ length: 6 }, () => ({ traceId: hexId(16), spanId: hexId(8) }))
    const span = jsonSpan({ attributes, events, links, droppedAttributesCount: 3 })
    expectAccepted(await post(jsonRequest([span])), 'json', 0)
    const [row] = await c.rows<{
      attributes: Record<string, string>
      event_names: string[]
      link_span_ids: string[]
      dropped_attributes_count: number
      dropped_events_count: number
      dropped_links_count: number
    }>(
      `SELECT attributes, event_names, link_span_ids, dropped_attributes_count, dropped_events_count, dropped_links_count
       FROM ${c.storage.database}.spans WHERE span_id = {id:String}`,
      { id: span.spanId },
    )
    expect(Object.keys(row!.attributes).sort()).toEqual(attributes.slice(0, 16).map((a) => a.key))
    expect(row!.dropped_attributes_count).toBe(3 + 4)
    expect(row!.event_names).toEqual(events.slice(0, 8).map((e) => e.name))
    expect(row!.dropped_events_count).toBe(2)
    expect(row!.link_span_ids).toEqual(links.slice(0, 4).map((l) => l.spanId))
    expect(row!.dropped_links_count).toBe(2)
  })

  it('refuses a request over maxSpansPerRequest whole, and takes one at the limit', async () => {
    await expectRefused(await post(otlpJsonBody(mcpSpans(LIMITS.maxSpansPerRequest + 1, 'too-many'))), 400)
    const over = await simpleSpans(LIMITS.maxSpansPerRequest + 1, 'too-many-proto')
    await expectRefused(await post(protobufBody(over), 'protobuf'), 400, 'protobuf')
    expectAccepted(await post(otlpJsonBody(mcpSpans(LIMITS.maxSpansPerRequest, 'at-limit'))), 'json', 0)
    const now = await tableCounts(c)
    expect(now.spans - expected.spans).toBe(LIMITS.maxSpansPerRequest)
  })
})

describe('POST /v1/traces values at the edges of the storage types', () => {
  /**
   * A 200 that either stored the one span whole or rejected it, writing nothing. Soft
   * assertions, so one run reports every case of a corpus.
   */
  async function expectStoredWholeOrRejected(
    res: RawResponse,
    format: WireFormat,
    name: string,
    spanId: string,
  ) {
    expect.soft(res.status, `${name}: ${res.body.toString('utf8').slice(0, 200)}`).toBe(200)
    const now = await tableCounts(c)
    const before = expected
    expected = now
    if (res.status !== 200) {
      expect.soft(now, `${name}: answered ${res.status}, yet rows were written`).toEqual(before)
      return
    }
    const { rejectedSpans } = parseExportResponse(format, res.body)
    if (rejectedSpans === 1) {
      expect.soft(now, `${name}: rejected, yet rows were written`).toEqual(before)
    } else {
      expect.soft(rejectedSpans, name).toBe(0)
      expect.soft([...(await spanIdCounts(c, [spanId])).values()], name).toEqual([1])
      expect.soft(now.spans - before.spans, name).toBe(1)
    }
  }

  it('answers 200 — span stored or rejected, never 5xx, never half-written — to times outside DateTime64(9)', async () => {
    for (const [name, span] of outOfRangeTimeJson()) {
      await expectStoredWholeOrRejected(await post(jsonRequest([span])), 'json', name, String(span.spanId))
    }
  })

  it('answers 200 to lone UTF-16 surrogates (JSON escapes) and invalid UTF-8 (protobuf) in strings', async () => {
    const json = jsonSpan({
      name: 'lone \ud800 surrogate',
      attributes: [{ key: 'k\udfff', value: { stringValue: 'v\ud800' } }],
    })
    await expectStoredWholeOrRejected(
      await post(jsonRequest([json])),
      'json',
      'lone surrogates',
      String(json.spanId),
    )
    const bad = Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0x62])
    const proto = protobufSpanWithRawStrings(bad, bad, bad)
    await expectStoredWholeOrRejected(
      await post(proto.body, 'protobuf'),
      'protobuf',
      'invalid UTF-8',
      proto.spanId,
    )
  })

  it('fails a request whose span the storage cannot take alone, not the requests flushed with it', async () => {
    const good = mcpSpans(5, 'flushed-with-poison')
    const [name, poison] = outOfRangeTimeJson()[0]!
    const [goodRes, poisonRes] = await Promise.all([post(otlpJsonBody(good)), post(jsonRequest([poison]))])
    expectAccepted(goodRes, 'json', 0)
    expect([
      ...(
        await spanIdCounts(
          c,
          good.map((s) => s.spanId),
        )
      ).values(),
    ]).toEqual([1, 1, 1, 1, 1])
    expect(poisonRes.status, name).toBeLessThan(500)
  })

  it('rejects spans older than the retention, which would expire on arrival after a 200', async () => {
    const startMs = Date.now() - (LIMITS.maxAgeDays + 1) * 86_400_000
    const start = (BigInt(startMs) * 1_000_000n).toString()
    const old = jsonSpan({ startTimeUnixNano: start, endTimeUnixNano: start })
    const res = await post(jsonRequest([old]))
    expect(res.status).toBe(200)
    const { rejectedSpans, errorMessage } = parseExportResponse('json', res.body)
    expect(rejectedSpans).toBe(1)
    expect(errorMessage).toContain('retention')
    expect([...(await spanIdCounts(c, [String(old.spanId)])).values()]).toEqual([0])
  })

  it('keeps counts beyond UInt32 saturated (or whole), never wrapped around', async () => {
    const span = jsonSpan({
      droppedAttributesCount: 4294967295,
      attributes: [
        { key: 'mcp.method.name', value: { stringValue: 'tools/call' } },
        { key: 'tollgate.input.bytes', value: { intValue: String(2 ** 32 + 5) } },
        ...Array.from({ length: LIMITS.maxAttributesPerSpan + 3 }, (_, i) => ({
          key: `x${i}`,
          value: { intValue: i },
        })),
      ],
    })
    expectAccepted(await post(jsonRequest([span])), 'json', 0)
    const db = c.storage.database
    const [row] = await c.rows<{ dropped: number; input_bytes: number }>(
      `SELECT s.dropped_attributes_count AS dropped, m.input_bytes AS input_bytes
       FROM ${db}.spans AS s JOIN ${db}.mcp_calls AS m ON m.span_id = s.span_id WHERE s.span_id = {id:String}`,
      { id: span.spanId },
    )
    // Saturated at the column's maximum, or kept whole in a wider column: never wrapped to a small number.
    expect(Number(row!.dropped), 'dropped_attributes_count').toBeGreaterThanOrEqual(4294967295)
    expect(Number(row!.input_bytes), 'input_bytes').toBeGreaterThanOrEqual(4294967295)
  })
})

describe('the receiver after the corpus', () => {
  it('is alive, never answered 5xx, and stores a valid request', async () => {
    const spans = mcpSpans(4, 'still-alive')
    expectAccepted(await post(otlpJsonBody(spans)), 'json', 0)
    expect([
      ...(
        await spanIdCounts(
          c,
          spans.map((s) => s.spanId),
        )
      ).values(),
    ]).toEqual([1, 1, 1, 1])
    for (const status of ['500', '502', '503']) {
      expect(await metricValue(c, 'tollgate_otlp_requests_total', { status }), `answers with ${status}`).toBe(
        0,
      )
    }
    expect(c.receiver.isReady()).toBe(true)
  })
})
