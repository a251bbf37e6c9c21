import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isCollectorError } from '../src/errors'
import { openStorage, queryRows, type Storage } from '../src/storage/client'
import { type MigrationResult, renderMigrations, runMigrations } from '../src/storage/migrations'

const TABLES = [
  'spans',
  'mcp_calls',
  'mcp_events',
  'tool_versions',
  'trace_lookup',
  'session_lookup',
  'session_timeline',
  'mcp_calls_1m',
  'mcp_calls_overview_1m',
  'mcp_denials_1m',
  'projects',
  'ingest_keys',
  'users',
  'api_tokens',
  'project_members',
  'alert_rules',
  'alert_events',
  'audit_log',
  'ingest_receipts',
  'login_sessions',
  'schema_migrations',
]
const VIEWS = [
  'trace_lookup_mv',
  'session_lookup_mv',
  'session_timeline_calls_mv',
  'session_timeline_events_mv',
  'mcp_calls_1m_mv',
  'mcp_calls_overview_1m_mv',
  'mcp_denials_1m_mv',
]
/** Tables an ingest retry reaches: the data tables and every materialized-view target. */
const DEDUP_TABLES = [
  'spans',
  'mcp_calls',
  'mcp_events',
  'tool_versions',
  'trace_lookup',
  'session_lookup',
  'session_timeline',
  'mcp_calls_1m',
  'mcp_denials_1m',
]
/** Interfaces of rows.ts and the table each describes. */
const ROW_TYPES: Record<string, string> = {
  SpanRow: 'spans',
  McpCallRow: 'mcp_calls',
  McpEventRow: 'mcp_events',
  ToolVersionRow: 'tool_versions',
}

let dir: string
let storage: Storage
let first: MigrationResult
const progress: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-migrations-'))
  const database = `tg_mig_${randomBytes(4).toString('hex')}`
  storage = openStorage({ kind: 'embedded', dataDir: join(dir, 'data'), database })
  first = await runMigrations(storage, { onProgress: (m) => progress.push(m) })
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return queryRows<T>(storage, query, params)
}

describe('runMigrations', () => {
  it('applies every migration in order on a fresh database', () => {
    expect(first.alreadyApplied).toBe(0)
    expect(first.applied).toEqual(renderMigrations({ database: storage.database }).map((m) => m.id))
    expect(first.applied[0]).toBe('0001_spans')
    expect(progress.at(-1)).toMatch(/schema up to date/)
  })

  it('creates every table and materialized view', async () => {
    const found = await rows<{ name: string; engine: string }>(
      'SELECT name, engine FROM system.tables WHERE database = {db:String}',
      { db: storage.database },
    )
    const byName = new Map(found.map((t) => [t.name, t.engine]))
    for (const table of TABLES) expect(byName.get(table), table).toMatch(/MergeTree$/)
    for (const view of VIEWS) expect(byName.get(view), view).toBe('MaterializedView')
    expect(byName.get('spans')).toBe('MergeTree')
    expect(byName.get('tool_versions')).toBe('AggregatingMergeTree')
    expect(byName.get('projects')).toBe('ReplacingMergeTree')
  })

  it('records each migration once and applies nothing on a second run', async () => {
    const again = await runMigrations(storage)
    expect(again).toEqual({ applied: [], alreadyApplied: first.applied.length })
    const recorded = await rows<{ id: string; n: string }>(
      `SELECT id, count() AS n FROM ${storage.database}.schema_migrations GROUP BY id ORDER BY id`,
    )
    expect(recorded.map((r) => r.id)).toEqual(first.applied)
    expect(recorded.every((r) => Number(r.n) === 1)).toBe(true)
  })

  it('reports, but does not re-apply, a migration whose DDL changed since (retention)', async () => {
    const messages: string[] = []
    const result = await runMigrations(storage, { retentionDays: 60, onProgress: (m) => messages.push(m) })
    expect(result.applied).toEqual([])
    expect(messages.some((m) => m.includes('0001_spans') && m.includes('different DDL'))).toBe(true)
  })

  it('rejects retention that makes no sense before touching the engine', async () => {
    await expect(runMigrations(storage, { retentionDays: 0 })).rejects.toSatisfy((e) =>
      isCollectorError(e, 'STORAGE.CONFIG'),
    )
    await expect(runMigrations(storage, { retentionDays: 7, payloadRetentionDays: 14 })).rejects.toSatisfy(
      (e) => isCollectorError(e, 'STORAGE.CONFIG'),
    )
  })

  it('turns on insert deduplication and part-dropping TTL where ingest retries land', async () => {
    const found = await rows<{ name: string; engine_full: string }>(
      'SELECT name, engine_full FROM system.tables WHERE database = {db:String}',
      { db: storage.database },
    )
    const byName = new Map(found.map((t) => [t.name, t.engine_full]))
    for (const table of DEDUP_TABLES) {
      expect(byName.get(table), table).toContain('non_replicated_deduplication_window = 10000')
    }
    for (const table of [
      'spans',
      'mcp_calls',
      'mcp_events',
      'trace_lookup',
      'session_lookup',
      'session_timeline',
      'mcp_calls_1m',
    ]) {
      expect(byName.get(table), table).toContain('ttl_only_drop_parts = 1')
    }
    expect(byName.get('spans')).toContain('TTL toDateTime(timestamp) + toIntervalDay(30)')
    // Dashboards over long ranges outlive the rows they summarize.
    expect(byName.get('mcp_calls_overview_1m')).toContain('TTL toDateTime(minute) + toIntervalDay(400)')
  })

  it('gives the payload columns a shorter TTL than the row', async () => {
    const [create] = await rows<{ statement: string }>(`SHOW CREATE TABLE ${storage.database}.mcp_calls`)
    expect(create!.statement).toMatch(
      /`input` String CODEC\(ZSTD\(3\)\) TTL toDateTime\(timestamp\) \+ toIntervalDay\(7\)/,
    )
    expect(create!.statement).toMatch(/\nTTL toDateTime\(timestamp\) \+ toIntervalDay\(30\)/)
    // The session view's copy of the payloads expires with them.
    const [timeline] = await rows<{ statement: string }>(
      `SHOW CREATE TABLE ${storage.database}.session_timeline`,
    )
    for (const payload of ['input', 'output']) {
      expect(timeline!.statement).toMatch(
        new RegExp(
          `\`${payload}\` String CODEC\\(ZSTD\\(3\\)\\) TTL toDateTime\\(timestamp\\) \\+ toIntervalDay\\(7\\)`,
        ),
      )
    }
  })
})

describe('schema matches rows.ts', () => {
  const contract = parseRowTypes(readFileSync(new URL('../src/storage/rows.ts', import.meta.url), 'utf8'))

  it('parses every row interface of rows.ts', () => {
    expect(Object.keys(contract).sort()).toEqual(Object.keys(ROW_TYPES).sort())
    expect(contract.SpanRow!.get('event_attributes')).toBe('Array(Map(LowCardinality(String), String))')
    expect(contract.McpEventRow!.get('as_of')).toBe('DateTime64(9)')
    expect(contract.ToolVersionRow!.get('first_seen')).toBe('SimpleAggregateFunction(min, DateTime64(9))')
  })

  for (const [iface, table] of Object.entries(ROW_TYPES)) {
    it(`${table} has exactly the columns and types of ${iface}; other columns have defaults`, async () => {
      const columns = await rows<{ name: string; type: string; default_kind: string }>(
        'SELECT name, type, default_kind FROM system.columns WHERE database = {db:String} AND table = {table:String}',
        { db: storage.database, table },
      )
      const actual = new Map(columns.map((c) => [c.name, c]))
      const expected = contract[iface]!
      for (const [name, type] of expected) expect(actual.get(name)?.type, `${table}.${name}`).toBe(type)
      for (const c of columns) {
        if (!expected.has(c.name))
          expect(c.default_kind, `${table}.${c.name} needs a default`).toBe('DEFAULT')
      }
    })
  }
})

/**
 * Reads `field: TsType // ClickHouse type …` lines of each `interface *Row` in
 * rows.ts. A comment that does not start with a type means the TS type names it
 * (`StringMap` is `Map(LowCardinality(String), String)`).
 */
function parseRowTypes(source: string): Record<string, Map<string, string>> {
  const out: Record<string, Map<string, string>> = {}
  const STRING_MAP = 'Map(LowCardinality(String), String)'
  for (const match of source.matchAll(/export interface (\w+Row) \{([\s\S]*?)\n\}/g)) {
    const fields = new Map<string, string>()
    for (const line of match[2]!.split('\n')) {
      if (line.trim() === '') continue
      const field = /^\s*(\w+): ([\w[\]]+)(?:\s*\/\/\s*(.*))?$/.exec(line)
      if (field === null) throw new Error(`rows.ts: cannot read ${match[1]} line ${JSON.stringify(line)}`)
      const [, name, tsType, comment = ''] = field
      const leading = leadingType(comment)
      if (leading !== null) fields.set(name!, leading)
      else if (tsType === 'StringMap') fields.set(name!, STRING_MAP)
      else if (tsType === 'StringMap[]') fields.set(name!, `Array(${STRING_MAP})`)
      else throw new Error(`rows.ts: no ClickHouse type for ${match[1]}.${name}`)
    }
    out[match[1]!] = fields
  }
  return out
}

/** The ClickHouse type a comment starts with (`Name` or `Name(balanced …)`), or null. */
function leadingType(comment: string): string | null {
  const head = /^[A-Z]\w*/.exec(comment)
  if (head === null) return null
  let end = head[0].length
  if (comment[end] === '(') {
    let depth = 0
    for (; end < comment.length; end++) {
      if (comment[end] === '(') depth++
      if (comment[end] === ')' && --depth === 0) break
    }
    end++
  }
  const type = comment.slice(0, end)
  // A comment such as "String (32 hex)" is a type; a word such as "Previous" is not.
  return /^(U?Int\d+|Float\d+|String|UUID|Date\w*|LowCardinality|Array|Map|SimpleAggregateFunction|AggregateFunction)\b/.test(
    type,
  )
    ? type
    : null
}

describe('cluster DDL', () => {
  it('parses in the engine (EXPLAIN AST: syntax only, no Keeper needed)', async () => {
    const migrations = renderMigrations({ database: storage.database, cluster: 'tollgate_cluster' })
    const statements = migrations.flatMap((m) => m.statements)
    expect(statements.length).toBeGreaterThan(30)
    for (const statement of statements) {
      // Rejects on a syntax error; EXPLAIN rows come back as bare strings here, hence the stringify.
      const ast = await rows<unknown>(`EXPLAIN AST ${statement}`)
      expect(JSON.stringify(ast[0]), statement.slice(0, 80)).toMatch(
        /^"(Create|Alter|Drop|Truncate|Insert)Query /,
      )
    }
  })
})
