import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertRows, openStorage, queryRows, type Storage } from '../src/storage/client'
import { renderMigrations, runMigrations } from '../src/storage/migrations'

/** `mcp_denials_1m`: filled by migration 0017 from the calls already stored, then by its view. */

let dir: string
let storage: Storage
const T0 = Date.UTC(2026, 10, 20, 12, 0, 30)
// Rows at a fixed date: a retention longer than its age, so the engine never drops them.
const RETENTION = { retentionDays: 3650, payloadRetentionDays: 3650 }
const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`

const call = (seconds: number, extra: Record<string, unknown>) => ({
  project_id: 'p1',
  timestamp: ns(T0 + seconds * 1000),
  span_kind: 'SERVER',
  method: 'tools/call',
  target: 'wipe',
  outcome: 'denied',
  denial_source: 'explicit',
  user_id: 'mallory',
  agent_id: 'bot',
  oauth_client_id: 'c1',
  ...extra,
})

async function rollup(): Promise<Array<{ minute: string; user_id: string; denials: string }>> {
  return queryRows(
    storage,
    `SELECT toString(minute) AS minute, user_id, toString(sum(denials)) AS denials
     FROM ${storage.database}.mcp_denials_1m GROUP BY minute, user_id ORDER BY minute, user_id`,
  )
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-denials-rollup-'))
  storage = openStorage({
    kind: 'embedded',
    dataDir: dir,
    database: `tg_denials_${randomBytes(4).toString('hex')}`,
  })
  await runMigrations(storage, RETENTION)
  await insertRows(storage, 'mcp_calls', [
    call(0, {}),
    call(10, {}),
    call(20, { user_id: 'eve' }),
    // Next minute: a refused connection counts (no span kind of its own), a client copy does not.
    call(40, { span_kind: 'UNSPECIFIED', denial_source: 'auth', method: '', target: '' }),
    call(45, { span_kind: 'CLIENT' }),
    // Not denied: not counted.
    call(50, { outcome: 'ok', denial_source: '' }),
  ])
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('migration 0017', () => {
  it('counts each new denied call once per minute and principal, server side and refused connections only', async () => {
    // T0 is 12:00:30: mallory at 12:00:30 and 12:00:40, eve at 12:00:50; mallory's refused
    // connection at 12:01:10 (the CLIENT copy at 12:01:15 and the ok call are left out).
    expect(await rollup()).toEqual([
      { minute: '2026-11-20 12:00:00', user_id: 'eve', denials: '1' },
      { minute: '2026-11-20 12:00:00', user_id: 'mallory', denials: '2' },
      { minute: '2026-11-20 12:01:00', user_id: 'mallory', denials: '1' },
    ])
  })

  it('rebuilds the rollup from the stored calls when run again (after a crash, say), counting nothing twice', async () => {
    const migration = renderMigrations({ database: storage.database }, RETENTION).find((m) =>
      m.id.startsWith('0017_'),
    )
    expect(migration).toBeDefined()
    const before = await rollup()
    for (const statement of migration?.statements ?? []) await storage.client.command({ query: statement })
    for (const statement of migration?.statements ?? []) await storage.client.command({ query: statement })
    expect(await rollup()).toEqual(before)
  })
})
