import 'reflect-metadata'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  createOtlpReceiver,
  IngestKeyStore,
  type OtlpReceiver,
  openStorage,
  ProjectStore,
  type ReceiverOptions,
  type Storage,
} from '@tollgate/collector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CollectorService } from '../src/collector/collector.service'
import type { TollgateConfig } from '../src/config/config'
import { createApp } from '../src/create-app'
import { createMetricsRegistry } from '../src/metrics/metrics-registry'
import { migratedStorage, removeDir, silentLogger, tempDir, testConfig, uniqueDatabase } from './helpers'

let dir: string
let config: TollgateConfig
let storage: Storage
let keys: IngestKeyStore
let ingestKey: string
const apps: NestFastifyApplication[] = []

beforeAll(async () => {
  dir = tempDir('app')
  config = testConfig(dir)
  storage = await migratedStorage(dir, uniqueDatabase())
  keys = new IngestKeyStore(storage)
  await new ProjectStore(storage).ensure('default', 'Default')
  ingestKey = (await keys.create('default', 'app test')).key
})

afterAll(async () => {
  for (const app of apps) await app.close()
  await storage.close()
  removeDir(dir)
})

/** A started (not listening) app over `appStorage`, ready for `inject`. */
async function startApp(
  appStorage: Storage,
  createReceiver?: (options: ReceiverOptions) => OtlpReceiver,
): Promise<NestFastifyApplication> {
  const app = await createApp({
    config,
    storage: appStorage,
    logger: silentLogger(),
    registry: createMetricsRegistry(),
    keys,
    ...(createReceiver === undefined ? {} : { createReceiver }),
  })
  apps.push(app)
  await app.init()
  await app.getHttpAdapter().getInstance().ready()
  return app
}

async function get(app: NestFastifyApplication, url: string) {
  const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url })
  return { status: res.statusCode, body: res.body, type: String(res.headers['content-type']) }
}

/**
 * The real receiver, except that the app's `listen()` does not start it: the
 * test does, to observe the app while the receiver is not yet ready.
 */
function deferredReceiver() {
  let real: OtlpReceiver | undefined
  const factory = (options: ReceiverOptions): OtlpReceiver => {
    const receiver = createOtlpReceiver(options)
    real = receiver
    return {
      listen: async () => ({ port: 0 }),
      close: () => receiver.close(),
      isReady: () => receiver.isReady(),
    }
  }
  return { factory, start: () => real!.listen() }
}

/** A one-span OTLP/JSON export. */
function oneSpanExport(): string {
  const start = BigInt(Date.now()) * 1_000_000n
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'weather-mcp' } }] },
        scopeSpans: [
          {
            scope: { name: 'app-test' },
            spans: [
              {
                traceId: '5b8efff798038103d269b633813fc60c',
                spanId: 'eee19b7ec3c1b174',
                name: 'tools/call get_weather',
                kind: 2,
                startTimeUnixNano: String(start),
                endTimeUnixNano: String(start + 5_000_000n),
                attributes: [
                  { key: 'mcp.method.name', value: { stringValue: 'tools/call' } },
                  { key: 'gen_ai.tool.name', value: { stringValue: 'get_weather' } },
                ],
                status: {},
              },
            ],
          },
        ],
      },
    ],
  })
}

describe('the Nest app', () => {
  it('answers /healthz at once and /readyz only once the OTLP receiver accepts exports', async () => {
    const receiver = deferredReceiver()
    const app = await startApp(storage, receiver.factory)

    expect(await get(app, '/healthz')).toMatchObject({ status: 200, body: JSON.stringify({ status: 'ok' }) })
    const before = await get(app, '/readyz')
    expect(before.status).toBe(503)
    expect(JSON.parse(before.body)).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('otlp receiver'),
      checks: { storage: 'ok', receiver: 'not ready' },
    })

    await receiver.start()
    const after = await get(app, '/readyz')
    expect(after.status).toBe(200)
    expect(JSON.parse(after.body)).toEqual({ status: 'ready', checks: { storage: 'ok', receiver: 'ok' } })

    // Closing the app closes the receiver (flush, stop): no longer ready.
    await app.close()
    apps.splice(apps.indexOf(app), 1)
    expect(app.get(CollectorService).isReady()).toBe(false)
  })

  it('mounts the collector: an authenticated export is committed and counted in /metrics', async () => {
    const app = await startApp(storage)
    const port = app.get(CollectorService).port
    expect(port).toBeGreaterThan(0)

    const res = await fetch(`http://127.0.0.1:${port}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
      body: oneSpanExport(),
    })
    expect(res.status).toBe(200)
    const unauthenticated = await fetch(`http://127.0.0.1:${port}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: oneSpanExport(),
    })
    expect(unauthenticated.status).toBe(401)

    const rows = await storage.client.query({
      query: `SELECT count() AS n FROM ${storage.database}.spans WHERE project_id = 'default'`,
      format: 'JSONEachRow',
    })
    expect(Number((await rows.json<{ n: string }>())[0]!.n)).toBe(1)

    const metrics = await get(app, '/metrics')
    expect(metrics.status).toBe(200)
    expect(metrics.type).toContain('text/plain')
    expect(metrics.body).toContain('process_cpu_user_seconds_total')
    expect(metrics.body).toContain('nodejs_eventloop_lag_seconds')
    expect(metrics.body).toMatch(/^tollgate_spans_accepted_total 1$/m)
    expect(metrics.body).toMatch(/^tollgate_otlp_requests_total\{status="200"\} 1$/m)
    expect(metrics.body).toMatch(/^tollgate_otlp_requests_total\{status="401"\} 1$/m)
  })

  it('answers /readyz 503 when storage stops answering, 200 while it does', async () => {
    // A second handle on the same engine and database, so closing it leaves the file's storage open.
    const own = openStorage({ kind: 'embedded', dataDir: dir, database: storage.database })
    const app = await startApp(own)
    expect((await get(app, '/readyz')).status).toBe(200)

    await own.close()
    const res = await get(app, '/readyz')
    expect(res.status).toBe(503)
    expect(JSON.parse(res.body)).toMatchObject({
      status: 'unavailable',
      reason: expect.stringMatching(/^storage: /),
      checks: { storage: 'failing', receiver: 'ok' },
    })
    expect((await get(app, '/healthz')).status).toBe(200)
  })
})
