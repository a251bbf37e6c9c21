import {
  type IngestKeyInfo,
  type MigrationResult,
  type NewIngestKey,
  runMigrations,
  type Storage,
} from '@tollgate/collector'
import type { TollgateConfig } from '../config/config'
import { ApiError } from '../errors'
import type { Stores } from '../storage/stores'
import { formatTable } from './table'

/** Where a command writes: `stdout` for results (scriptable), `stderr` for notes to the human. */
export interface CliOutput {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
}

/** What every command runs against. */
export interface CliContext {
  config: TollgateConfig
  storage: Storage
  stores: Stores
  io: CliOutput
}

/** `migrate`: applies pending migrations, printing each as it starts and a summary. */
export async function migrateCommand(ctx: CliContext): Promise<MigrationResult> {
  const where =
    ctx.config.storage.kind === 'embedded'
      ? `embedded engine in ${ctx.config.storage.dataDir}`
      : `${new URL(ctx.config.storage.url).host}${ctx.storage.cluster === undefined ? '' : `, cluster ${ctx.storage.cluster}`}`
  ctx.io.stdout.write(`migrating database ${ctx.storage.database} (${where})\n`)
  return runMigrations(ctx.storage, {
    retentionDays: ctx.config.retention.days,
    payloadRetentionDays: ctx.config.retention.payloadDays,
    onProgress: (message) => ctx.io.stdout.write(`${message}\n`),
  })
}

/** Options of {@link createKeyCommand}. */
export interface CreateKeyOptions {
  project: string
  /** Display name; a dated default when empty. */
  keyName: string
  /** Create the project when it does not exist (otherwise that is an error, to catch typos). */
  createProject: boolean
}

/**
 * `keys create`: prints the new key alone on stdout (so `KEY=$(pnpm -s tollgate
 * keys create ...)` works) and the explanation on stderr. The key is never
 * shown again.
 */
export async function createKeyCommand(ctx: CliContext, options: CreateKeyOptions): Promise<NewIngestKey> {
  const { projects, keys } = ctx.stores
  if ((await projects.get(options.project)) === null) {
    if (!options.createProject) {
      const known = (await projects.list()).map((p) => p.id).join(', ') || 'none'
      throw new ApiError(
        'KEYS.UNKNOWN_PROJECT',
        `no project "${options.project}" (existing: ${known}); add --create-project to create it`,
      )
    }
    await projects.ensure(options.project, options.project)
    ctx.io.stderr.write(`created project ${options.project}\n`)
  }
  const name =
    options.keyName === '' ? `key created ${new Date().toISOString().slice(0, 10)}` : options.keyName
  const created = await keys.create(options.project, name)
  ctx.io.stderr.write(
    `created ingest key ${created.id} (${created.prefix}) for project ${created.projectId}.\n` +
      'It is shown once, below; store it now. Send spans with "Authorization: Bearer <key>".\n',
  )
  ctx.io.stdout.write(`${created.key}\n`)
  return created
}

/** `keys list`: a table of keys (never secrets), optionally of one project. */
export async function listKeysCommand(ctx: CliContext, project?: string): Promise<IngestKeyInfo[]> {
  const keys = await ctx.stores.keys.list(project)
  if (keys.length === 0) {
    ctx.io.stderr.write(project === undefined ? 'no ingest keys\n' : `no ingest keys in project ${project}\n`)
    return keys
  }
  const rows = keys.map((k) => [
    k.id,
    k.projectId,
    k.name,
    k.prefix,
    isoTime(k.createdAt),
    isoTime(k.revokedAt),
  ])
  ctx.io.stdout.write(`${formatTable(['ID', 'PROJECT', 'NAME', 'PREFIX', 'CREATED', 'REVOKED'], rows)}\n`)
  return keys
}

/** `keys revoke`: revokes by id or display prefix (idempotent). */
export async function revokeKeyCommand(ctx: CliContext, idOrPrefix: string): Promise<IngestKeyInfo> {
  const startedAt = Date.now()
  const key = await ctx.stores.keys.revoke(idOrPrefix)
  // The store returns the earlier revocation time for an already revoked key.
  const wasRevoked = key.revokedAt !== 0 && key.revokedAt < startedAt
  const what = `ingest key ${key.id} (${key.prefix}) of project ${key.projectId}`
  ctx.io.stdout.write(
    wasRevoked ? `${what} was already revoked at ${isoTime(key.revokedAt)}\n` : `revoked ${what}\n`,
  )
  return key
}

/** Unix ms → `2026-01-02 03:04:05Z`; '' for 0 ("never"). */
function isoTime(ms: number): string {
  if (ms === 0) return ''
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`
}
