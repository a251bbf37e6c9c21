import { randomUUID } from 'node:crypto'
import { CollectorError } from '../errors'
import { insertRows, queryRows, type Storage } from '../storage/client'
import type { IngestKeyVerifier } from '../types'
import { assertName, assertProjectId } from './project-store'
import {
  displayPrefix,
  generateIngestKey,
  hashSecret,
  isAcceptableKey,
  isPlausibleKey,
  MIN_KEY_LENGTH,
} from './secrets'
import { TtlCache } from './ttl-cache'
import { VersionClock } from './version-clock'

/** An ingest key as lists show it: never the key, never its hash. */
export interface IngestKeyInfo {
  id: string
  projectId: string
  name: string
  /** Display prefix (`tg_ingest_AbCd1234`). */
  prefix: string
  /** Unix milliseconds. */
  createdAt: number
  /** Unix milliseconds; 0 = not revoked. */
  revokedAt: number
}

/** A key as returned once, at creation: the only time the key itself is available. */
export interface NewIngestKey {
  id: string
  projectId: string
  key: string
  prefix: string
}

/** Result of `createWithKey`. */
export interface BootstrapIngestKey extends NewIngestKey {
  /** The key was already stored (nothing written). */
  existed: boolean
  /** The stored key is revoked: an admin's revocation is never undone by a bootstrap. */
  revoked: boolean
}

/** What `verify` answers. */
export type IngestKeyVerdict = { projectId: string; keyId: string } | 'revoked' | null

/** Options of `IngestKeyStore`. */
export interface IngestKeyStoreOptions {
  /**
   * How long a `verify` answer (valid, revoked or unknown) is reused without a
   * query. Bounds how late a revocation made by another process takes effect.
   * @default 5000
   */
  cacheTtlMs?: number
  /** Most answers cached at once. @default 10000 */
  maxCacheEntries?: number
  /** Clock for times, versions and cache expiry. @default Date.now */
  now?: () => number
}

interface KeyRow {
  id: string
  project_id: string
  name: string
  prefix: string
  key_hash: string
  created_ms: number
  revoked_ms: number
}

/**
 * Ingest keys per project in the `ingest_keys` table, stored only as SHA-256
 * hashes plus a display prefix (DESIGN.md "Security model": keys are stored
 * hashed and shown once).
 *
 * `verify` sits on the ingest hot path: answers are cached by key hash for
 * `cacheTtlMs`, negative ones too, so a revocation takes effect within seconds
 * and a client repeating an unknown key costs one query per interval; concurrent
 * lookups of one hash share one query. Comparing hashes needs no constant-time
 * compare: a timing leak could only tell how much of a SHA-256 digest matched,
 * and an attacker cannot steer digest bytes without inverting the hash.
 */
export class IngestKeyStore implements IngestKeyVerifier {
  private readonly now: () => number
  private readonly clock: VersionClock
  private readonly cache: TtlCache<string, IngestKeyVerdict>
  private readonly inflight = new Map<string, Promise<IngestKeyVerdict>>()
  /** Bumped by every local write, so a lookup that raced with it is not cached. */
  private generation = 0

  constructor(
    private readonly storage: Storage,
    options: IngestKeyStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.clock = new VersionClock(this.now)
    this.cache = new TtlCache(options.cacheTtlMs ?? 5_000, options.maxCacheEntries ?? 10_000, this.now)
  }

  /**
   * Creates a key for `projectId`; the returned `key` is shown once and never
   * stored. The project is not checked: callers create it first (`ProjectStore.ensure`).
   */
  async create(projectId: string, name: string): Promise<NewIngestKey> {
    assertProjectId(projectId)
    assertName(name, 'key')
    return this.store(projectId, name, generateIngestKey())
  }

  /**
   * Stores a key given from outside (`TOLLGATE_BOOTSTRAP_INGEST_KEY`). Idempotent:
   * when a key with the same hash exists it is returned unchanged, whatever its
   * project, and a revoked one stays revoked.
   */
  async createWithKey(projectId: string, name: string, key: string): Promise<BootstrapIngestKey> {
    assertProjectId(projectId)
    assertName(name, 'key')
    if (!isAcceptableKey(key)) {
      throw new CollectorError(
        'STORE.INVALID_ARGUMENT',
        `an ingest key must be ${MIN_KEY_LENGTH}+ printable ASCII characters without spaces`,
      )
    }
    const existing = await this.byHash(hashSecret(key))
    const first = existing[0]
    if (first !== undefined) {
      const revoked = existing.some((r) => r.revoked_ms !== 0)
      return { id: first.id, projectId: first.project_id, key, prefix: first.prefix, existed: true, revoked }
    }
    return { ...(await this.store(projectId, name, key)), existed: false, revoked: false }
  }

  /** Keys of `projectId` (all keys without it), oldest first, without secrets. */
  async list(projectId?: string): Promise<IngestKeyInfo[]> {
    const rows =
      projectId === undefined
        ? await this.select('', {})
        : await this.select('WHERE project_id = {projectId:String}', { projectId })
    return rows.map(toInfo)
  }

  /**
   * Revokes the key whose id or display prefix is `idOrPrefix` and returns it.
   * Revoking a revoked key changes nothing. Throws `STORE.NOT_FOUND`, or
   * `STORE.AMBIGUOUS` when a prefix matches more than one key.
   */
  async revoke(idOrPrefix: string): Promise<IngestKeyInfo> {
    const rows = await this.select('WHERE id = {v:String} OR prefix = {v:String}', { v: idOrPrefix })
    const hashes = new Set(rows.map((r) => r.key_hash))
    if (hashes.size === 0) throw new CollectorError('STORE.NOT_FOUND', 'no such ingest key', 404)
    if (hashes.size > 1) {
      throw new CollectorError('STORE.AMBIGUOUS', 'prefix matches several ingest keys; revoke by id', 409)
    }
    const revokedAt = this.now()
    const active = rows.filter((r) => r.revoked_ms === 0)
    if (active.length > 0) {
      this.generation++
      await insertRows(
        this.storage,
        'ingest_keys',
        active.map((r) => ({ ...toStored(r), revoked_at: String(revokedAt), version: this.clock.next() })),
      )
    }
    this.cache.delete(rows[0]!.key_hash)
    const info = toInfo(rows[0]!)
    return active.length > 0 ? { ...info, revokedAt } : info
  }

  /** Resolves a presented key: its project, `'revoked'`, or null when unknown. Cached, see the class comment. */
  verify(key: string): Promise<IngestKeyVerdict> {
    if (!isPlausibleKey(key)) return Promise.resolve(null)
    const hash = hashSecret(key)
    const cached = this.cache.get(hash)
    if (cached !== undefined) return Promise.resolve(cached)
    const pending = this.inflight.get(hash)
    if (pending !== undefined) return pending
    const generation = this.generation
    const lookup = this.lookup(hash)
      .then((verdict) => {
        if (generation === this.generation) this.cache.set(hash, verdict)
        return verdict
      })
      .finally(() => this.inflight.delete(hash))
    this.inflight.set(hash, lookup)
    return lookup
  }

  private async lookup(hash: string): Promise<IngestKeyVerdict> {
    const rows = await this.byHash(hash)
    const first = rows[0]
    if (first === undefined) return null
    // Two rows share a hash only after racing bootstraps; revoking either revokes the key.
    if (rows.some((r) => r.revoked_ms !== 0)) return 'revoked'
    return { projectId: first.project_id, keyId: first.id }
  }

  private async store(projectId: string, name: string, key: string): Promise<NewIngestKey> {
    const id = randomUUID()
    const prefix = displayPrefix(key)
    const hash = hashSecret(key)
    this.generation++
    await insertRows(this.storage, 'ingest_keys', [
      {
        id,
        project_id: projectId,
        name,
        prefix,
        key_hash: hash,
        created_at: String(this.now()),
        version: this.clock.next(),
      },
    ])
    // A cached "unknown" for this key would hide it for up to cacheTtlMs.
    this.cache.delete(hash)
    return { id, projectId, key, prefix }
  }

  private byHash(hash: string): Promise<KeyRow[]> {
    return this.select('WHERE key_hash = {hash:String}', { hash })
  }

  private async select(where: string, params: Record<string, unknown>): Promise<KeyRow[]> {
    const rows = await queryRows<KeyRow>(
      this.storage,
      `SELECT id, project_id, name, prefix, key_hash,
              toUnixTimestamp64Milli(created_at) AS created_ms,
              toUnixTimestamp64Milli(revoked_at) AS revoked_ms
       FROM ${this.storage.database}.ingest_keys FINAL ${where}
       ORDER BY created_ms, id
       SETTINGS output_format_json_quote_64bit_integers = 0`,
      params,
    )
    return rows.map((r) => ({ ...r, created_ms: Number(r.created_ms), revoked_ms: Number(r.revoked_ms) }))
  }
}

function toInfo(row: KeyRow): IngestKeyInfo {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_ms,
    revokedAt: row.revoked_ms,
  }
}

/** The stored columns of a row, for writing a new version of it. */
function toStored(row: KeyRow): Record<string, string | number> {
  return {
    id: row.id,
    project_id: row.project_id,
    name: row.name,
    prefix: row.prefix,
    key_hash: row.key_hash,
    created_at: String(row.created_ms),
  }
}
