import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorage } from '@tollgate/collector'
import { afterAll, describe, expect, it } from 'vitest'
import { mcpSpans, otlpJsonBody, postJson } from '../support/otlp-json'
import { spawnServer, TEST_SECRETS } from '../support/spawn-server'

const dir = mkdtempSync(join(tmpdir(), 'tollgate-kill-'))
const dataDir = join(dir, 'data')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('acknowledged spans survive kill -9', () => {
  it('keeps every span answered 200 exactly once, and counts resent requests once', async () => {
    const requests = Array.from({ length: 40 }, (_, i) => {
      const spans = mcpSpans(100, `req-${i}`)
      return { spans, body: otlpJsonBody(spans), status: 0 }
    })

    const first = await spawnServer(dataDir)
    // Fire everything; kill -9 the instant the tenth 200 arrives, whatever is still in flight.
    let acked = 0
    let killed = false
    await Promise.all(
      requests.map(async (r) => {
        r.status = await postJson(first.otlpUrl, TEST_SECRETS.ingestKey, r.body)
        if (r.status === 200 && ++acked >= 10 && !killed) {
          killed = true
          first.child.kill('SIGKILL')
        }
      }),
    )
    await first.stop('SIGKILL')
    const ackedBeforeKill = requests.filter((r) => r.status === 200)
    expect(ackedBeforeKill.length).toBeGreaterThanOrEqual(10)

    // A client resends what was not acknowledged, and — as if our 200 were lost — some that were.
    const second = await spawnServer(dataDir)
    const resend = [...requests.filter((r) => r.status !== 200), ...ackedBeforeKill.slice(0, 3)]
    for (const r of resend) {
      expect(await postJson(second.otlpUrl, TEST_SECRETS.ingestKey, r.body), second.output()).toBe(200)
    }
    expect(await second.stop('SIGTERM')).toBe(0)

    const storage = openStorage({ kind: 'embedded', dataDir, database: 'tollgate' })
    try {
      const counted = (await (
        await storage.client.query({
          query: `SELECT span_id, count() AS n FROM tollgate.spans GROUP BY span_id`,
          format: 'JSONEachRow',
        })
      ).json()) as { span_id: string; n: string }[]
      const bySpan = new Map(counted.map((c) => [c.span_id, Number(c.n)]))
      for (const r of requests) {
        for (const s of r.spans) expect(bySpan.get(s.spanId), `span ${s.spanId}`).toBe(1)
      }
      expect(bySpan.size).toBe(requests.length * 100)
      const calls = (await (
        await storage.client.query({
          query: 'SELECT count() AS n FROM tollgate.mcp_calls',
          format: 'JSONEachRow',
        })
      ).json()) as { n: string }[]
      expect(Number(calls[0]!.n)).toBe(requests.length * 100)
    } finally {
      await storage.close()
    }
  })
})
