import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertRows, openStorage, queryRows, type Storage } from '../src/storage/client'
import { renderMigrations, runMigrations } from '../src/storage/migrations'
import { LATENCY_LAST_BUCKET } from '../src/storage/schema/overview-rollup'

/** `mcp_calls_overview_1m`: fed by its view, rebuilt by migration 0014, safe to re-run. */

let dir: string
let storage: Storage
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
// Rows at a fixed date: a retention longer than its age, so the engine never drops them.
const RETENTION = { retentionDays: 3650, payloadRetentionDays: 3650 }
const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`

function call(ms: number, durationNs: number, outcome = 'ok', extra: Record<string, unknown> = {}) {
  return {
    project_id: 'p1',
    timestamp: ns(ms),
    duration_ns: String(durationNs),
    span_kind: 'SERVER',
    outcome,
    caller_fault: 0,
    ...extra,
  }
}

/** Sums of SimpleAggregateFunction columns print as plain JSON numbers. */
interface MinuteRow {
  minute: string
  calls: number
  server_errors: number
  denials: number
  duration_sum_ns: number
  duration_min_ns: number
  duration_max_ns: number
  latency_histogram: Record<string, number>
}

async function minutes(): Promise<MinuteRow[]> {
  return queryRows<MinuteRow>(
    storage,
    `SELECT minute, sum(calls) AS calls, sum(server_errors) AS server_errors, sum(denials) AS denials,
            sum(duration_sum_ns) AS duration_sum_ns, min(duration_min_ns) AS duration_min_ns,
            max(duration_max_ns) AS duration_max_ns, sumMap(latency_histogram) AS latency_histogram
     FROM ${storage.database}.mcp_calls_overview_1m WHERE project_id = 'p1' GROUP BY minute ORDER BY minute`,
  )
}

/** Runs migration 0014's statements again, as a re-run after a failure would. */
async function rerun0014(): Promise<void> {
  const migration = renderMigrations({ database: storage.database }, RETENTION).find((m) =>
    m.id.startsWith('0014_'),
  )
  for (const statement of migration?.statements ?? []) await storage.client.command({ query: statement })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-overview-rollup-'))
  storage = openStorage({
    kind: 'embedded',
    dataDir: join(dir, 'data'),
    database: `tg_ov_${randomBytes(4).toString('hex')}`,
  })
  await runMigrations(storage, RETENTION)
  await insertRows(storage, 'mcp_calls', [
    call(T0 + 1_000, 999),
    call(T0 + 2_000, 1_000),
    call(T0 + 3_000, 2_000, 'error'),
    call(T0 + 4_000, 2_500, 'error', { caller_fault: 1 }),
    call(T0 + 61_000, 7_000_000_000_000, 'denied'),
    // Not counted: the client's view of a call, a span of no kind.
    call(T0 + 5_000, 50, 'error', { span_kind: 'CLIENT' }),
    call(T0 + 6_000, 50, 'denied', { span_kind: 'UNSPECIFIED' }),
  ])
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

const EXPECTED = [
  {
    minute: '2026-11-20 12:00:00',
    calls: 4,
    server_errors: 1,
    denials: 0,
    duration_sum_ns: 6499,
    duration_min_ns: 999,
    duration_max_ns: 2500,
    // 999 ns → bucket 0, 1 µs → 1, 2 µs → 17, 2.5 µs → 1 + floor(log2(2.5) · 16) = 22.
    latency_histogram: { '0': 1, '1': 1, '17': 1, '22': 1 },
  },
  {
    minute: '2026-11-20 12:01:00',
    calls: 1,
    server_errors: 0,
    denials: 1,
    duration_sum_ns: 7_000_000_000_000,
    duration_min_ns: 7_000_000_000_000,
    duration_max_ns: 7_000_000_000_000,
    latency_histogram: { [LATENCY_LAST_BUCKET]: 1 },
  },
]

describe('mcp_calls_overview_1m', () => {
  it('holds one row per project-minute of server-side calls, fed by its view', async () => {
    expect(await minutes()).toEqual(EXPECTED)
  })

  it('rebuilds from mcp_calls when migration 0014 runs again, without counting twice', async () => {
    await rerun0014()
    expect(await minutes()).toEqual(EXPECTED)
    // The view is back: a new call is counted once.
    await insertRows(storage, 'mcp_calls', [call(T0 + 62_000, 1_000)])
    const [, second] = await minutes()
    expect(second).toMatchObject({ calls: 2, latency_histogram: { '1': 1, [LATENCY_LAST_BUCKET]: 1 } })
  })

  it('drops a retried block as the data tables do, and keeps whole months until they expire', async () => {
    const [table] = await queryRows<{ engine_full: string }>(
      storage,
      `SELECT engine_full FROM system.tables WHERE database = {db:String} AND name = 'mcp_calls_overview_1m'`,
      { db: storage.database },
    )
    expect(table?.engine_full).toMatch(
      /^AggregatingMergeTree PARTITION BY toYYYYMM\(minute\) ORDER BY \(project_id, minute\)/,
    )
    expect(table?.engine_full).toContain(`TTL toDateTime(minute) + toIntervalDay(${RETENTION.retentionDays})`)
    expect(table?.engine_full).toContain('non_replicated_deduplication_window = 10000')
    expect(table?.engine_full).toContain('ttl_only_drop_parts = 1')
  })
})
