/**
 * Child process of the ingest benchmark: builds the request bodies (untimed),
 * reports ready, then on "go" posts them all with a fixed concurrency and
 * reports the elapsed wall time. Runs apart from the collector so its CPU is
 * not counted as the collector's.
 */
import { buildMcpRequests } from './mcp-requests'

const [url, key, requests, spansPerRequest, concurrency] = process.argv.slice(2)
const bodies = buildMcpRequests(Number(requests), Number(spansPerRequest))
const send = process.send!.bind(process)

async function post(body: Uint8Array): Promise<void> {
  for (;;) {
    const res = await fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${key}` },
      body,
    })
    const answer = Buffer.from(await res.arrayBuffer())
    if (res.status === 200) return
    if (res.status !== 429 && res.status !== 503) {
      throw new Error(`unexpected status ${res.status}: ${answer.toString('latin1')}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

process.on('message', async (msg) => {
  if (msg !== 'go') return
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: Number(concurrency) }, async () => {
      while (next < bodies.length) await post(bodies[next++]!)
    }),
  )
  send({ elapsedMs: performance.now() - started }, () => process.exit(0))
})
send({ ready: true, bytes: bodies.reduce((n, b) => n + b.length, 0) })
