import { describe, expect, it } from 'vitest'
import { isCollectorError } from '../../errors'
import { renderMigrations } from '../migrations'
import { projectsTable } from './config'
import { traceLookupView } from './lookups'
import { renderDatabase, renderTable, renderView } from './render-ddl'
import { spansTable } from './spans'
import type { TableDef } from './types'

const RETENTION = { rowDays: 30, payloadDays: 7, rollupDays: 400 }
const single = { database: 'tollgate' }
const cluster = { database: 'tollgate', cluster: 'tg' }

function all(target: { database: string; cluster?: string }, options = {}): string[] {
  return renderMigrations(target, options).flatMap((m) => m.statements)
}

describe('renderTable (single node)', () => {
  const [ddl, ...rest] = renderTable(spansTable(RETENTION), single)

  it('renders one MergeTree table with partition, sort key, TTL, indexes and settings', () => {
    expect(rest).toEqual([])
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS tollgate\.spans\n\(\n/)
    expect(ddl).toContain('\nENGINE = MergeTree\n')
    expect(ddl).toContain('\nPARTITION BY toDate(timestamp)\n')
    expect(ddl).toContain(
      '\nORDER BY (project_id, toStartOfHour(timestamp), service_name, name, timestamp)\n',
    )
    expect(ddl).toContain('\nTTL toDateTime(timestamp) + INTERVAL 30 DAY\n')
    expect(ddl).toContain('\nSETTINGS non_replicated_deduplication_window = 10000, ttl_only_drop_parts = 1')
    expect(ddl).toContain('INDEX idx_trace_id trace_id TYPE bloom_filter(0.001) GRANULARITY 1')
    expect(ddl).toContain('`timestamp` DateTime64(9) CODEC(Delta, ZSTD(1))')
    expect(ddl).toContain('`ingested_at` DateTime DEFAULT now()')
    expect(ddl).not.toMatch(/ON CLUSTER|Replicated|Distributed|_local/)
  })

  it('renders ReplacingMergeTree with version and is-deleted columns', () => {
    expect(renderTable(projectsTable, single)[0]).toContain(
      '\nENGINE = ReplacingMergeTree(version, deleted)\n',
    )
  })

  it('renders a materialized view from the source into the target table', () => {
    const view = renderView(traceLookupView, single)
    expect(view).toMatch(
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS tollgate\.trace_lookup_mv\nTO tollgate\.trace_lookup\n/,
    )
    expect(view).toContain('\nFROM tollgate.spans\nGROUP BY project_id, trace_id')
  })

  it('escapes comments and rejects names that are not identifiers', () => {
    const def: TableDef = { ...projectsTable, comment: "it's \\ fine" }
    expect(renderTable(def, single)[0]).toContain("COMMENT 'it\\'s \\\\ fine'")
    expect(() => renderDatabase({ database: 'x; DROP TABLE y' })).toThrow()
    try {
      renderTable(def, { database: 'ok', cluster: 'not-an-identifier' })
      expect.unreachable()
    } catch (err) {
      expect(isCollectorError(err, 'STORAGE.CONFIG')).toBe(true)
    }
  })
})

describe('renderTable (cluster)', () => {
  const [local, distributed] = renderTable(spansTable(RETENTION), cluster)

  it('renders a Replicated local table ON CLUSTER with its Keeper path and replica macro', () => {
    expect(local).toMatch(/^CREATE TABLE IF NOT EXISTS tollgate\.spans_local ON CLUSTER tg\n/)
    expect(local).toContain(
      "\nENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/spans_local', '{replica}')\n",
    )
    expect(local).toContain('SETTINGS replicated_deduplication_window = 10000, ttl_only_drop_parts = 1')
    expect(local).not.toContain('non_replicated_deduplication_window')
    expect(local).toContain('CODEC(Delta, ZSTD(1))')
    expect(local).toContain('INDEX idx_trace_id')
  })

  it('renders a Distributed table under the public name, sharded by a deterministic key', () => {
    expect(distributed).toMatch(/^CREATE TABLE IF NOT EXISTS tollgate\.spans ON CLUSTER tg\n/)
    expect(distributed).toContain('\nENGINE = Distributed(tg, tollgate, spans_local, cityHash64(trace_id))')
    expect(distributed).toContain('`ingested_at` DateTime DEFAULT now()')
    // Storage details belong to the local table only.
    expect(distributed).not.toMatch(/CODEC|TTL|INDEX|PROJECTION|PARTITION BY|ORDER BY|SETTINGS/)
  })

  it('keeps version and is-deleted arguments after the replication arguments', () => {
    expect(renderTable(projectsTable, cluster)[0]).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/projects_local', '{replica}', version, deleted)",
    )
  })

  it('renders materialized views ON CLUSTER from the local source into the local target', () => {
    const view = renderView(traceLookupView, cluster)
    expect(view).toMatch(
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS tollgate\.trace_lookup_mv ON CLUSTER tg\nTO tollgate\.trace_lookup_local\n/,
    )
    expect(view).toContain('\nFROM tollgate.spans_local\n')
  })

  it('renders the database ON CLUSTER', () => {
    expect(renderDatabase(cluster)).toBe('CREATE DATABASE IF NOT EXISTS tollgate ON CLUSTER tg')
  })
})

describe('renderMigrations', () => {
  it('has unique ids in apply order', () => {
    const ids = renderMigrations(single).map((m) => m.id)
    expect(ids).toEqual([...ids].sort())
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.every((id) => /^\d{4}_[a-z0-9_]+$/.test(id))).toBe(true)
  })

  it('renders only statements that can run again: CREATE / DROP / ADD COLUMN guarded, refills after TRUNCATE or DROP', () => {
    for (const statement of [...all(single), ...all(cluster)]) {
      expect(statement).toMatch(
        /^(CREATE (TABLE|MATERIALIZED VIEW) IF NOT EXISTS |DROP (VIEW|TABLE) IF EXISTS |ALTER TABLE \S+( ON CLUSTER \w+)? ADD COLUMN IF NOT EXISTS |TRUNCATE TABLE IF EXISTS |INSERT INTO \S+ \([^)]*\)\nSELECT )/,
      )
    }
  })

  it('renders retention options into the TTLs', () => {
    const text = all(single, { retentionDays: 14, payloadRetentionDays: 3, rollupRetentionDays: 90 }).join(
      '\n',
    )
    expect(text).toContain('TTL toDateTime(timestamp) + INTERVAL 14 DAY')
    expect(text).toContain('`input` String CODEC(ZSTD(3)) TTL toDateTime(timestamp) + INTERVAL 3 DAY')
    expect(text).toContain('TTL toDateTime(minute) + INTERVAL 90 DAY')
    expect(text).not.toContain('INTERVAL 30 DAY')
  })

  it('gives every cluster table a Replicated local table and a Distributed table, all ON CLUSTER', () => {
    const statements = all(cluster)
    // DDL runs on every node; an INSERT goes through the Distributed table once.
    const ddl = statements.filter((s) => !s.startsWith('INSERT INTO '))
    expect(
      ddl.every((s) => /ON CLUSTER tg(\n| |$)/.test(s)),
      ddl.find((s) => !/ON CLUSTER tg(\n| |$)/.test(s)),
    ).toBe(true)
    const locals = statements.filter((s) => s.includes('ENGINE = Replicated'))
    const distributed = statements.filter((s) => s.includes('ENGINE = Distributed('))
    expect(locals.length).toBeGreaterThanOrEqual(15)
    expect(distributed.length).toBe(locals.length)
    for (const s of locals) {
      const name = /^CREATE TABLE IF NOT EXISTS tollgate\.(\w+)_local /.exec(s)?.[1]
      expect(name, s.slice(0, 80)).toBeDefined()
      expect(s).toContain(`('/clickhouse/tables/{shard}/{database}/${name}_local', '{replica}'`)
      expect(distributed.some((d) => d.includes(`Distributed(tg, tollgate, ${name}_local, `))).toBe(true)
    }
    expect(distributed.some((d) => d.includes('rand()'))).toBe(false)
  })

  it('creates every view after its source and target', () => {
    for (const target of [single, cluster]) {
      const statements = all(target)
      const created = (table: string) =>
        statements.findIndex(
          (s) =>
            s.startsWith(`CREATE TABLE IF NOT EXISTS ${table} `) ||
            s.startsWith(`CREATE TABLE IF NOT EXISTS ${table}\n`),
        )
      statements.forEach((s, i) => {
        const view = /\nTO (\S+)\n[\s\S]*\nFROM (\S+)/.exec(s)
        if (view === null) return
        expect(created(view[1]!), s.slice(0, 60)).toBeGreaterThanOrEqual(0)
        expect(created(view[1]!)).toBeLessThan(i)
        expect(created(view[2]!)).toBeLessThan(i)
        expect(created(view[2]!)).toBeGreaterThanOrEqual(0)
      })
    }
  })

  it('changes the checksum when the rendered DDL changes', () => {
    const a = renderMigrations(single)[0]!
    expect(renderMigrations(single)[0]!.checksum).toBe(a.checksum)
    expect(renderMigrations(single, { retentionDays: 31 })[0]!.checksum).not.toBe(a.checksum)
  })
})
