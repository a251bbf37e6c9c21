import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCollector, type TestCollector } from '../support/in-process'
import { mcpSpans, otlpJsonBody, type TestSpan } from '../support/otlp-json'
import {
  exportTraces,
  parseExportResponse,
  parseRpcStatus,
  type RawResponse,
  responseFormat,
} from '../support/otlp-wire'
import { metricValue, spanIdCounts } from '../support/tables'

/** A queue a few requests fill; a flush only every 2 s, so concurrent requests pile up. */
const QUEUE_BYTES = 256 << 10
const REQUESTS = 60
const SPANS_PER_REQUEST = 10
/** The receiver reserves decompressed JSON bytes × 3 per request (receiver.ts MEMORY_PER_BODY_BYTE). */
const JSON_MEMORY_FACTOR = 3

interface Sent {
  spans: TestSpan[]
  body: string
  res?: RawResponse
}

let c: TestCollector
let requests: Sent[]
let refused: Sent[]

beforeAll(async () => {
  c = await startTestCollector({ batch: { maxQueueBytes: QUEUE_BYTES, maxDelayMs: 2000 } })
  requests = Array.from({ length: REQUESTS }, (_, i) => {
    const spans = mcpSpans(SPANS_PER_REQUEST, `bp-${i}`)
    return { spans, body: otlpJsonBody(spans) }
  })
})

afterAll(async () => {
  await c?.close()
})

const post = (body: string) => exportTraces(c.url, body, { format: 'json', key: c.ingestKey })

/** Samples `read` every few ms until stopped; returns the highest value seen. */
function peakOf(read: () => Promise<number> | number): { stop(): Promise<number> } {
  let peak = 0
  let running = true
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await read())
      await new Promise((r) => setTimeout(r, 2))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return peak
    },
  }
}

async function storedOnce(sent: Sent[]): Promise<void> {
  const counts = await spanIdCounts(
    c,
    sent.flatMap((r) => r.spans.map((s) => s.spanId)),
  )
  expect([...counts.values()].filter((n) => n !== 1)).toEqual([])
}

describe('POST /v1/traces under overload', () => {
  it('answers 429 with Retry-After past the queue bound, stores accepted requests once and refused ones never', async () => {
    const gauge = peakOf(() => metricValue(c, 'tollgate_queue_bytes'))
    const rssBaseline = process.memoryUsage().rss
    const rss = peakOf(() => process.memoryUsage().rss)

    const answers = await Promise.all(
      requests.map(async (r) => {
        r.res = await post(r.body)
        return r.res
      }),
    )
    const gaugePeak = await gauge.stop()
    const rssPeak = await rss.stop()

    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 429)).toEqual([])
    const accepted = requests.filter((r) => r.res!.status === 200)
    refused = requests.filter((r) => r.res!.status === 429)
    expect(accepted.length, 'some requests fit the queue').toBeGreaterThan(0)
    expect(refused.length, 'the rest are refused').toBeGreaterThan(0)

    for (const r of accepted) {
      expect(parseExportResponse(responseFormat(r.res!), r.res!.body)).toEqual({
        rejectedSpans: 0,
        errorMessage: '',
      })
    }
    for (const r of refused) {
      expect(r.res!.headers['retry-after']).toMatch(/^[1-9][0-9]*$/)
      expect(responseFormat(r.res!)).toBe('json')
      expect(parseRpcStatus('json', r.res!.body).code).toBe(8) // RESOURCE_EXHAUSTED
    }
    expect(await metricValue(c, 'tollgate_otlp_requests_total', { status: '429' })).toBe(refused.length)

    await storedOnce(accepted)
    const leaked = await spanIdCounts(
      c,
      refused.flatMap((r) => r.spans.map((s) => s.spanId)),
    )
    expect(
      [...leaked.values()].filter((n) => n !== 0),
      'spans of refused requests stored',
    ).toEqual([])

    const reservation = Math.max(...requests.map((r) => Buffer.byteLength(r.body) * JSON_MEMORY_FACTOR))
    expect(gaugePeak, 'queue bytes seen during the burst').toBeGreaterThan(0)
    expect(gaugePeak).toBeLessThanOrEqual(QUEUE_BYTES + reservation)
    expect((rssPeak - rssBaseline) / 2 ** 20, 'MiB of RSS growth').toBeLessThan(300)
  })

  it('accepts the refused requests once the queue drains, when resent after Retry-After', async () => {
    expect(refused.length).toBeGreaterThan(0)
    let pending = refused
    const deadline = Date.now() + 90_000
    while (pending.length > 0 && Date.now() < deadline) {
      const answers = await Promise.all(pending.map((r) => post(r.body)))
      expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 429)).toEqual([])
      const retryAfter = Math.max(0, ...answers.map((a) => Number(a.headers['retry-after'] ?? 0)))
      pending = pending.filter((_, i) => answers[i]!.status === 429)
      if (pending.length > 0) await new Promise((r) => setTimeout(r, retryAfter * 1000))
    }
    expect(pending, 'requests still refused after 90 s').toEqual([])
    await storedOnce(requests)
    expect(await metricValue(c, 'tollgate_queue_bytes')).toBe(0)
  })
})
