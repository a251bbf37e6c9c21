import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertRows, openStorage, queryRows, type Storage } from '../src/storage/client'
import { renderMigrations, runMigrations } from '../src/storage/migrations'

/** `trace_lookup` / `session_lookup`: rebuilt by migration 0015 from their sources, monthly, safe to re-run. */

let dir: string
let storage: Storage
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
// Rows at a fixed date: a retention longer than its age, so the engine never drops them.
const RETENTION = { retentionDays: 3650, payloadRetentionDays: 3650 }
const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`

async function rerun0015(): Promise<void> {
  const migration = renderMigrations({ database: storage.database }, RETENTION).find((m) =>
    m.id.startsWith('0015_'),
  )
  expect(migration).toBeDefined()
  for (const statement of migration?.statements ?? []) await storage.client.command({ query: statement })
}

async function lookups() {
  const db = storage.database
  return {
    traces: await queryRows(
      storage,
      `SELECT trace_id, toString(min(min_time)) AS first, toString(max(max_time)) AS last, sum(span_count) AS spans
       FROM ${db}.trace_lookup GROUP BY trace_id ORDER BY trace_id`,
    ),
    sessions: await queryRows(
      storage,
      `SELECT session_id, toString(min(min_time)) AS first, sum(call_count) AS calls, sum(denied_count) AS denied
       FROM ${db}.session_lookup GROUP BY session_id ORDER BY session_id`,
    ),
    partitions: await queryRows<{ table: string; partition: string }>(
      storage,
      `SELECT DISTINCT table, partition FROM system.parts
       WHERE database = {db:String} AND active AND table IN ('trace_lookup', 'session_lookup') ORDER BY table`,
      { db },
    ),
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-lookups-'))
  storage = openStorage({
    kind: 'embedded',
    dataDir: dir,
    database: `tg_lookups_${randomBytes(4).toString('hex')}`,
  })
  await runMigrations(storage, RETENTION)
  // Two days apart: one partition per day before, one per month after.
  await insertRows(storage, 'spans', [
    { project_id: 'p1', timestamp: ns(T0), trace_id: 'a'.repeat(32), span_id: '1'.repeat(16) },
    { project_id: 'p1', timestamp: ns(T0 + 5000), trace_id: 'a'.repeat(32), span_id: '2'.repeat(16) },
    {
      project_id: 'p1',
      timestamp: ns(T0 + 2 * 86_400_000),
      trace_id: 'b'.repeat(32),
      span_id: '3'.repeat(16),
    },
  ])
  await insertRows(storage, 'mcp_calls', [
    { project_id: 'p1', timestamp: ns(T0), session_id: 's1', outcome: 'ok' },
    { project_id: 'p1', timestamp: ns(T0 + 9000), session_id: 's1', outcome: 'denied' },
    { project_id: 'p1', timestamp: ns(T0 + 2 * 86_400_000), session_id: 's2', outcome: 'ok' },
  ])
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('migration 0015', () => {
  it('rebuilds both lookups from their sources with the same answers, partitioned by month, and may run again', async () => {
    const before = await lookups()
    expect(before.traces).toHaveLength(2)
    expect(before.sessions).toEqual([
      { session_id: 's1', first: '2026-11-20 12:00:00.000000000', calls: 2, denied: 1 },
      { session_id: 's2', first: '2026-11-22 12:00:00.000000000', calls: 1, denied: 0 },
    ])
    await rerun0015()
    await rerun0015()
    const after = await lookups()
    expect(after.traces).toEqual(before.traces)
    expect(after.sessions).toEqual(before.sessions)
    expect(after.partitions).toEqual([
      { table: 'session_lookup', partition: '202611' },
      { table: 'trace_lookup', partition: '202611' },
    ])
  })

  it('leaves the views feeding the rebuilt tables', async () => {
    await insertRows(storage, 'mcp_calls', [
      { project_id: 'p1', timestamp: ns(T0 + 60_000), session_id: 's1', outcome: 'ok' },
    ])
    const { sessions } = await lookups()
    expect(sessions[0]).toMatchObject({ session_id: 's1', calls: 3 })
  })
})
