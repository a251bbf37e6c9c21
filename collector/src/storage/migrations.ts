import { createHash } from 'node:crypto'
import { CollectorError } from '../errors'
import { insertRows, queryRows, type Storage } from './client'
import { bookkeepingStatements, MIGRATIONS } from './migrations-list'
import { renderDatabase } from './schema/render-ddl'
import type { RenderTarget, Retention } from './schema/types'

/** Options of `runMigrations` / `renderMigrations`. */
export interface MigrationOptions {
  /** Row TTL of spans, calls, events and the id lookups, in days. @default 30 */
  retentionDays?: number
  /** Column TTL of the `input` / `output` payloads of `mcp_calls`, in days; ≤ `retentionDays`. @default 7 */
  payloadRetentionDays?: number
  /** Row TTL of the minute rollups, in days; ≥ `retentionDays`. @default 400 */
  rollupRetentionDays?: number
  /** Progress messages for the start-up log (no secrets in them). */
  onProgress?(message: string): void
}

/** A migration rendered for one target. */
export interface RenderedMigration {
  id: string
  statements: string[]
  /** SHA-256 prefix of the statements, recorded when applied. */
  checksum: string
}

/** What `runMigrations` did. */
export interface MigrationResult {
  /** Ids applied by this run, in order. */
  applied: string[]
  /** How many migrations had been applied before. */
  alreadyApplied: number
}

/** Retention defaults (DESIGN.md): rows 30 days, payloads 7 days, rollups ~13 months. */
export const DEFAULT_RETENTION: Retention = { rowDays: 30, payloadDays: 7, rollupDays: 400 }

const MAX_DAYS = 36_500

/** Resolves and validates the retention options; throws `STORAGE.CONFIG` on nonsense. */
export function resolveRetention(options: MigrationOptions = {}): Retention {
  const rowDays = options.retentionDays ?? DEFAULT_RETENTION.rowDays
  const retention: Retention = {
    rowDays,
    payloadDays: options.payloadRetentionDays ?? Math.min(DEFAULT_RETENTION.payloadDays, rowDays),
    rollupDays: options.rollupRetentionDays ?? Math.max(DEFAULT_RETENTION.rollupDays, rowDays),
  }
  for (const [name, days] of Object.entries(retention)) {
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
      throw new CollectorError(
        'STORAGE.CONFIG',
        `retention ${name} must be a whole number of days in 1..${MAX_DAYS}`,
      )
    }
  }
  if (retention.payloadDays > retention.rowDays) {
    throw new CollectorError('STORAGE.CONFIG', 'payload retention must not exceed row retention')
  }
  if (retention.rollupDays < retention.rowDays) {
    throw new CollectorError('STORAGE.CONFIG', 'rollup retention must not be shorter than row retention')
  }
  return retention
}

/**
 * Renders every versioned migration for `target` without touching an engine.
 * With `target.cluster` the statements are the cluster DDL (`ON CLUSTER`,
 * Replicated local tables, Distributed tables).
 */
export function renderMigrations(target: RenderTarget, options: MigrationOptions = {}): RenderedMigration[] {
  const retention = resolveRetention(options)
  return MIGRATIONS.map((m) => {
    const statements = m.statements({ target, retention })
    return { id: m.id, statements, checksum: checksumOf(statements) }
  })
}

/**
 * Creates the database if missing, then applies, in order, every migration not
 * yet recorded in `schema_migrations`. Safe to re-run and to run from several
 * processes at once (every statement is `IF NOT EXISTS`).
 */
export async function runMigrations(
  storage: Storage,
  options: MigrationOptions = {},
): Promise<MigrationResult> {
  const target: RenderTarget = { database: storage.database, cluster: storage.cluster }
  const migrations = renderMigrations(target, options)
  const progress = options.onProgress ?? (() => {})
  await execute(storage, 'bootstrap', [renderDatabase(target), ...bookkeepingStatements(target)])
  const recorded = await readApplied(storage)
  const result: MigrationResult = { applied: [], alreadyApplied: 0 }
  for (const migration of migrations) {
    const checksum = recorded.get(migration.id)
    if (checksum !== undefined) {
      result.alreadyApplied++
      if (checksum !== migration.checksum) {
        // NB: retention changes land here; TTLs are not altered automatically.
        progress(`migration ${migration.id} was applied with different DDL; not re-applied`)
      }
      continue
    }
    progress(`applying migration ${migration.id}`)
    await execute(storage, migration.id, migration.statements)
    await record(storage, migration)
    result.applied.push(migration.id)
  }
  progress(`schema up to date (${result.applied.length} applied, ${result.alreadyApplied} already applied)`)
  return result
}

async function execute(storage: Storage, id: string, statements: readonly string[]): Promise<void> {
  for (const query of statements) {
    try {
      await storage.client.command({ query })
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause)
      throw new CollectorError('STORAGE.MIGRATION_FAILED', `migration ${id} failed: ${message}`, 500, {
        cause,
      })
    }
  }
}

async function readApplied(storage: Storage): Promise<Map<string, string>> {
  try {
    const rows = await queryRows<{ id: string; checksum: string }>(
      storage,
      `SELECT id, any(checksum) AS checksum FROM ${storage.database}.schema_migrations GROUP BY id`,
    )
    return new Map(rows.map((r) => [r.id, r.checksum]))
  } catch (cause) {
    throw new CollectorError('STORAGE.MIGRATION_FAILED', 'cannot read schema_migrations', 500, { cause })
  }
}

async function record(storage: Storage, migration: RenderedMigration): Promise<void> {
  try {
    await insertRows(storage, 'schema_migrations', [{ id: migration.id, checksum: migration.checksum }])
  } catch (cause) {
    throw new CollectorError('STORAGE.MIGRATION_FAILED', `cannot record migration ${migration.id}`, 500, {
      cause,
    })
  }
}

function checksumOf(statements: readonly string[]): string {
  return createHash('sha256').update(statements.join(';\n')).digest('hex').slice(0, 16)
}
