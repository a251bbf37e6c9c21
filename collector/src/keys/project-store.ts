import { CollectorError } from '../errors'
import { insertRows, queryRows, type Storage } from '../storage/client'
import { VersionClock } from './version-clock'

/** A project: ingest keys, members and data belong to one. */
export interface Project {
  id: string
  name: string
  /** Unix milliseconds. */
  createdAt: number
}

/** Options of `ProjectStore`. */
export interface ProjectStoreOptions {
  /** Clock for `created_at` and row versions. @default Date.now */
  now?: () => number
}

const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/
const MAX_NAME_LENGTH = 200

/** Throws `STORE.INVALID_ARGUMENT` unless `id` is a valid project id (1–64 of `A-Za-z0-9_.-`). */
export function assertProjectId(id: string): void {
  if (typeof id !== 'string' || !PROJECT_ID.test(id)) {
    throw new CollectorError(
      'STORE.INVALID_ARGUMENT',
      'project id must be 1-64 characters of A-Z a-z 0-9 _ . -',
    )
  }
}

/** Throws `STORE.INVALID_ARGUMENT` unless `name` is a usable display name. */
export function assertName(name: string, what: string): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
    throw new CollectorError('STORE.INVALID_ARGUMENT', `${what} name must be 1-${MAX_NAME_LENGTH} characters`)
  }
}

interface ProjectRow {
  id: string
  name: string
  created_ms: number
}

/**
 * Projects in the `projects` table (ReplacingMergeTree, read with `FINAL`; the
 * table is tiny). Every value is a bound parameter.
 */
export class ProjectStore {
  private readonly now: () => number
  private readonly clock: VersionClock

  constructor(
    private readonly storage: Storage,
    options: ProjectStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.clock = new VersionClock(this.now)
  }

  /**
   * Returns project `id`, creating it with `name` when missing. An existing
   * project is returned as it is (its name is not changed).
   */
  async ensure(id: string, name: string): Promise<Project> {
    assertProjectId(id)
    assertName(name, 'project')
    const existing = await this.get(id)
    if (existing !== null) return existing
    const createdAt = this.now()
    await insertRows(this.storage, 'projects', [
      { id, name, created_at: String(createdAt), version: this.clock.next() },
    ])
    return { id, name, createdAt }
  }

  /** Project `id`, or null. */
  async get(id: string): Promise<Project | null> {
    if (typeof id !== 'string' || !PROJECT_ID.test(id)) return null
    const rows = await this.select(`WHERE id = {id:String}`, { id })
    return rows[0] ?? null
  }

  /** Every project, oldest first. */
  async list(): Promise<Project[]> {
    return this.select('', {})
  }

  private async select(where: string, params: Record<string, unknown>): Promise<Project[]> {
    const rows = await queryRows<ProjectRow>(
      this.storage,
      `SELECT id, name, toUnixTimestamp64Milli(created_at) AS created_ms
       FROM ${this.storage.database}.projects FINAL ${where}
       ORDER BY created_ms, id
       SETTINGS output_format_json_quote_64bit_integers = 0`,
      params,
    )
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: Number(r.created_ms) }))
  }
}
