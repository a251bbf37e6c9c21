import { mkdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { type ClickHouseClient, createClient } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'
import { CollectorError } from '../errors'

/** Where the data lives: the embedded engine in a directory, or a ClickHouse server/cluster. */
export type StorageOptions =
  | { kind: 'embedded'; dataDir: string; database: string }
  | {
      kind: 'remote'
      url: string
      username: string
      password: string
      database: string
      /** `CLICKHOUSE_CLUSTER`: migrations create Replicated local tables + Distributed tables. */
      cluster?: string
    }

/** The one ClickHouse handle every module receives (never a module singleton). */
export interface Storage {
  readonly client: ClickHouseClient
  /** Database holding Tollgate's tables; always pass it explicitly in SQL (`{db}.table`). */
  readonly database: string
  readonly cluster: string | undefined
  readonly kind: StorageOptions['kind']
  close(): Promise<void>
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Opens the storage described by `options`. The embedded engine and a remote
 * server sit behind the same `@clickhouse/client` — only the connection differs.
 */
export function openStorage(options: StorageOptions): Storage {
  if (!IDENTIFIER.test(options.database)) {
    throw new CollectorError('STORAGE.CONFIG', `invalid database name ${JSON.stringify(options.database)}`)
  }
  if (options.kind === 'embedded') {
    mkdirSync(options.dataDir, { recursive: true })
    // NB: chdb types its Connection against its own copy of @clickhouse/client-common; same shape.
    const connection = createChdbConnection({ path: options.dataDir }) as unknown as NonNullable<
      Parameters<typeof createClient>[0]
    >['connection']
    const client = createClient({ connection })
    return {
      client,
      database: options.database,
      cluster: undefined,
      kind: 'embedded',
      close: () => client.close(),
    }
  }
  if (options.cluster !== undefined && !IDENTIFIER.test(options.cluster)) {
    throw new CollectorError('STORAGE.CONFIG', `invalid cluster name ${JSON.stringify(options.cluster)}`)
  }
  const client = createClient({
    url: options.url,
    username: options.username,
    password: options.password,
    request_timeout: 60_000,
    compression: { request: true, response: true },
  })
  return {
    client,
    database: options.database,
    cluster: options.cluster,
    kind: 'remote',
    close: () => client.close(),
  }
}

const TOKEN = /^[A-Za-z0-9_.:-]{1,128}$/

/**
 * Inserts rows as JSONEachRow with an optional deduplication token.
 *
 * NB: settings go into the statement's own SETTINGS clause, never through
 * `clickhouse_settings`: the embedded connection applies those as session-wide
 * `SET`s that leak into every later statement (a leaked
 * `insert_deduplication_token` silently drops later inserts as duplicates).
 */
export async function insertRows(
  storage: Storage,
  table: string,
  rows: readonly object[],
  dedupToken?: string,
): Promise<void> {
  if (rows.length === 0) return
  if (!IDENTIFIER.test(table)) throw new CollectorError('STORAGE.CONFIG', `invalid table name ${table}`)
  if (dedupToken !== undefined && !TOKEN.test(dedupToken)) {
    throw new CollectorError('STORAGE.CONFIG', 'invalid deduplication token')
  }
  const settings: string[] = []
  if (dedupToken !== undefined) settings.push(`insert_deduplication_token = '${dedupToken}'`)
  // On a cluster, a Distributed table would otherwise only queue the rows on this node: the insert
  // must return after the shards committed, or a 200 would not mean stored.
  if (storage.cluster !== undefined) settings.push('distributed_foreground_insert = 1')
  const clause = settings.length === 0 ? '' : ` SETTINGS ${settings.join(', ')}`
  let body = ''
  for (const row of rows) body += `${JSON.stringify(row)}\n`
  await storage.client.exec({
    query: `INSERT INTO ${storage.database}.${table}${clause} FORMAT JSONEachRow`,
    values: Readable.from([body]),
  })
}

/**
 * ClickHouse error codes that mean "these rows cannot be parsed or held", as opposed
 * to an outage: retrying the same rows fails the same way.
 */
const DATA_ERROR_CODES = new Set([
  6, // CANNOT_PARSE_TEXT
  25, // CANNOT_PARSE_ESCAPE_SEQUENCE
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  131, // TOO_LARGE_STRING_SIZE
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  407, // DECIMAL_OVERFLOW
  691, // UNKNOWN_ELEMENT_OF_ENUM
])

/** True when the storage refused an insert because of the data in it (see {@link DATA_ERROR_CODES}). */
export function isDataRejection(err: unknown): boolean {
  const code = Number((err as { code?: unknown } | null)?.code)
  return Number.isInteger(code) && DATA_ERROR_CODES.has(code)
}
