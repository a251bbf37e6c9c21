import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createOtlpReceiver,
  DEFAULT_LIMITS,
  IngestKeyStore,
  type IngestLimits,
  type Logger,
  type OtlpReceiver,
  openStorage,
  queryRows,
  runMigrations,
  type Storage,
} from '@tollgate/collector'
import { Registry } from 'prom-client'

/** A collector running inside the test process on the embedded engine, on a loopback port. */
export interface TestCollector {
  storage: Storage
  receiver: OtlpReceiver
  registry: Registry
  url: string
  ingestKey: string
  projectId: string
  keys: IngestKeyStore
  /** Runs a query and returns its rows. */
  rows<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>
  close(): Promise<void>
}

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} }

export const TEST_LIMITS: IngestLimits = {
  ...DEFAULT_LIMITS,
  // The row retention migrations create by default.
  maxAgeDays: 30,
}

/** Starts a fresh engine (own temp dir and database), migrations, a project key and a receiver. */
export async function startTestCollector(
  overrides: {
    limits?: Partial<IngestLimits>
    batch?: Partial<{ maxRows: number; maxDelayMs: number; maxQueueBytes: number }>
    body?: Partial<{ maxBodyBytes: number; maxDecompressedBytes: number }>
  } = {},
): Promise<TestCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-'))
  const storage = openStorage({ kind: 'embedded', dataDir: join(dir, 'data'), database: 'tollgate_test' })
  await runMigrations(storage)
  const keys = new IngestKeyStore(storage)
  const projectId = 'proj_e2e'
  const { key } = await keys.create(projectId, 'e2e')
  const registry = new Registry()
  const receiver = createOtlpReceiver({
    host: '127.0.0.1',
    port: 0,
    storage,
    keys,
    logger: quiet,
    registry,
    limits: { ...TEST_LIMITS, ...overrides.limits },
    body: { maxBodyBytes: 8 << 20, maxDecompressedBytes: 64 << 20, ...overrides.body },
    batch: { maxRows: 20_000, maxDelayMs: 50, maxQueueBytes: 128 << 20, ...overrides.batch },
  })
  const { port } = await receiver.listen()
  return {
    storage,
    receiver,
    registry,
    url: `http://127.0.0.1:${port}/v1/traces`,
    ingestKey: key,
    projectId,
    keys,
    rows: <T>(sql: string, params?: Record<string, unknown>) => queryRows<T>(storage, sql, params),
    close: async () => {
      await receiver.close()
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
