import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertRows, openStorage, queryRows, type Storage } from '../src/storage/client'
import { renderMigrations, runMigrations } from '../src/storage/migrations'

/** `session_timeline`: filled by migration 0016 from the calls and events already stored, then by its views. */

let dir: string
let storage: Storage
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
// Rows at a fixed date: a retention longer than its age, so the engine never drops them.
const RETENTION = { retentionDays: 3650, payloadRetentionDays: 3650 }
const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`
const TRACE = 'a'.repeat(32)

async function rerun0016(): Promise<void> {
  const migration = renderMigrations({ database: storage.database }, RETENTION).find((m) =>
    m.id.startsWith('0016_'),
  )
  expect(migration).toBeDefined()
  for (const statement of migration?.statements ?? []) await storage.client.command({ query: statement })
}

interface TimelineRow {
  session_id: string
  step: number
  span_id: string
  kind: string
  doc: Record<string, unknown>
  input: string
  detail: string
}

async function timeline(): Promise<TimelineRow[]> {
  const rows = await queryRows<Omit<TimelineRow, 'doc'> & { doc: string }>(
    storage,
    `SELECT session_id, step, span_id, kind, doc, input, detail FROM ${storage.database}.session_timeline
     ORDER BY project_id, session_id, timestamp, step, span_id, kind`,
  )
  return rows.map((row) => ({ ...row, doc: JSON.parse(row.doc) }))
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-timeline-'))
  storage = openStorage({
    kind: 'embedded',
    dataDir: dir,
    database: `tg_timeline_${randomBytes(4).toString('hex')}`,
  })
  await runMigrations(storage, RETENTION)
  await insertRows(storage, 'mcp_calls', [
    {
      project_id: 'p1',
      timestamp: ns(T0),
      trace_id: TRACE,
      span_id: '1'.repeat(16),
      session_id: 's1',
      step: 1,
      method: 'tools/call',
      target: 'read_file',
      outcome: 'ok',
      scopes: ['files:read'],
      input: '{"path":"a"}',
      input_bytes: 12,
    },
    {
      project_id: 'p1',
      timestamp: ns(T0 + 1000),
      trace_id: TRACE,
      span_id: '2'.repeat(16),
      session_id: 's1',
      step: 2,
      method: 'tools/call',
      target: 'delete_file',
      outcome: 'denied',
      scopes: [],
      input: '',
      input_bytes: 0,
    },
    // No session: not part of any timeline.
    {
      project_id: 'p1',
      timestamp: ns(T0),
      trace_id: 'b'.repeat(32),
      span_id: '3'.repeat(16),
      session_id: '',
      step: 0,
      method: 'tools/list',
      target: '',
      outcome: 'ok',
      scopes: [],
      input: '',
      input_bytes: 0,
    },
  ])
  await insertRows(storage, 'mcp_events', [
    {
      project_id: 'p1',
      timestamp: ns(T0 + 5),
      kind: 'provenance',
      trace_id: TRACE,
      span_id: '1'.repeat(16),
      session_id: 's1',
      uri: 'file:///a',
      filter: 'owner = me',
      as_of: ns(T0 - 60_000),
      shown_parameters: '',
    },
    {
      project_id: 'p1',
      timestamp: ns(T0 + 1001),
      kind: 'denial',
      trace_id: TRACE,
      span_id: '2'.repeat(16),
      session_id: 's1',
      uri: '',
      filter: '',
      as_of: ns(T0),
      shown_parameters: '',
    },
    // Untrusted-content marks say nothing the call's flag does not.
    {
      project_id: 'p1',
      timestamp: ns(T0 + 6),
      kind: 'untrusted',
      trace_id: TRACE,
      span_id: '1'.repeat(16),
      session_id: 's1',
      uri: '',
      filter: '',
      as_of: ns(T0),
      shown_parameters: '',
    },
  ])
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('migration 0016', () => {
  it('holds each session call and its events, in session order, with the call fields in a document', async () => {
    const rows = await timeline()
    expect(rows.map((r) => [r.session_id, r.step, r.span_id[0], r.kind])).toEqual([
      ['s1', 1, '1', 'call'],
      ['s1', 0, '1', 'provenance'],
      ['s1', 2, '2', 'call'],
      ['s1', 0, '2', 'denial'],
    ])
    expect(rows[0]).toMatchObject({
      input: '{"path":"a"}',
      doc: {
        method: 'tools/call',
        target: 'read_file',
        outcome: 'ok',
        scopes: ['files:read'],
        input_bytes: 12,
      },
    })
    expect(rows[1]).toMatchObject({
      detail: 'owner = me',
      doc: { uri: 'file:///a', as_of_ms: T0 - 60_000 },
    })
  })

  it('fills the timeline from stored calls and events again when re-run, without duplicates', async () => {
    const before = await timeline()
    await rerun0016()
    await rerun0016()
    expect(await timeline()).toEqual(before)
  })

  it('leaves the views feeding the rebuilt table', async () => {
    await insertRows(storage, 'mcp_calls', [
      {
        project_id: 'p1',
        timestamp: ns(T0 + 2000),
        trace_id: TRACE,
        span_id: '4'.repeat(16),
        session_id: 's1',
        step: 3,
        method: 'tools/call',
        target: 'read_file',
        outcome: 'ok',
        scopes: [],
        input: '',
        input_bytes: 0,
      },
    ])
    const rows = await timeline()
    expect(rows.at(-1)).toMatchObject({ step: 3, kind: 'call', doc: { target: 'read_file' } })
  })
})
