import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { type ClickHouseClient, createClient } from '@clickhouse/client'
import { type ChdbConnection, createChdbConnection } from 'chdb/connection'
import { CollectorError } from '../errors'
import { createFileInserter, quote } from './file-insert'
import { encodeRowBinary } from './row-binary/encode-rows'
import { rowValues } from './row-values'
import { declaredColumnTypes } from './schema/column-types'

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
  /** Whether {@link insertEncoded} takes RowBinaryWithNamesAndTypes (else JSONCompactEachRow only). */
  readonly binaryInserts: boolean
  /**
   * Writes rows already encoded in `format` (values in `columns` order). `settings` go into
   * the statement's own SETTINGS clause.
   */
  insertEncoded(insert: EncodedInsert): Promise<void>
  close(): Promise<void>
}

/** One INSERT of pre-encoded rows into a table of {@link Storage.database}. */
export interface EncodedInsert {
  table: string
  columns: readonly string[]
  /** JSONCompactEachRow: one JSON array per line. RowBinaryWithNamesAndTypes: header, then rows. */
  format: InsertFormat
  body: Buffer
  settings: Readonly<Record<string, string | number>>
}

/** Encodings of {@link EncodedInsert.body}. */
export type InsertFormat = 'JSONCompactEachRow' | 'RowBinaryWithNamesAndTypes'

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
    const { chdb } = connection as unknown as ChdbConnection
    const insertFromFile = createFileInserter(join(options.dataDir, 'insert-files'), (sql) =>
      chdb.queryAsync(sql),
    )
    return {
      client,
      database: options.database,
      cluster: undefined,
      kind: 'embedded',
      binaryInserts: true,
      insertEncoded: async ({ table, columns, format, body, settings }) => {
        const target = `${options.database}.${table}`
        if (format === 'RowBinaryWithNamesAndTypes') {
          await insertFromFile({ target, columns, body, settingsClause: settingsClause(settings) })
          return
        }
        // The Buffer goes to the engine as is. `client.exec` would glue the rows onto the SQL
        // text instead (one more copy of the whole batch, then parsed as part of the statement).
        await chdb.rawInsert({ table: target, columns: [...columns], values: body, format, settings })
      },
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
    // Not measured against a server, which parses text on cores of its own: text stays.
    binaryInserts: false,
    insertEncoded: async ({ table, columns, format, body, settings }) => {
      await client.exec({
        query: `INSERT INTO ${options.database}.${table} (${columns.join(', ')})${settingsClause(settings)} FORMAT ${format}`,
        values: Readable.from([body]),
      })
    },
    close: () => client.close(),
  }
}

/** ` SETTINGS a = 1, b = 'x'`, or '' when there are none. */
function settingsClause(settings: Readonly<Record<string, string | number>>): string {
  const entries = Object.entries(settings)
  if (entries.length === 0) return ''
  return ` SETTINGS ${entries
    .map(([name, value]) => `${name} = ${typeof value === 'number' ? value : quote(value)}`)
    .join(', ')}`
}

/** Runs a SELECT with bound `{name:Type}` parameters and returns its rows (JSONEachRow). */
export async function queryRows<T>(
  storage: Storage,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await storage.client.query({ query, query_params: params, format: 'JSONEachRow' })
  return result.json<T>()
}

const TOKEN = /^[A-Za-z0-9_.:-]{1,128}$/

/**
 * Inserts rows (objects of one shape, keyed by column) with an optional deduplication token.
 *
 * Rows travel as RowBinaryWithNamesAndTypes where the storage takes it and every value can
 * be written by its column's declared type (about half the engine's parse cost of text),
 * else as JSONCompactEachRow: values only, in the order of the first row's keys, half the
 * bytes of JSONEachRow. A column missing from a row is sent as null there, which the engine
 * stores as the column's default, as JSONEachRow would; a value the engine refuses is
 * refused by its text parser, so data rejections read the same on either path.
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
  const columns = Object.keys(rows[0] as object)
  for (const column of columns) {
    if (!IDENTIFIER.test(column)) throw new CollectorError('STORAGE.CONFIG', `invalid column name ${column}`)
  }
  const settings: Record<string, string | number> = {}
  if (dedupToken !== undefined) settings.insert_deduplication_token = dedupToken
  // On a cluster, a Distributed table would otherwise only queue the rows on this node: the insert
  // must return after the shards committed, or a 200 would not mean stored.
  if (storage.cluster !== undefined) settings.distributed_foreground_insert = 1
  await storage.insertEncoded({ table, columns, settings, ...encodeRows(storage, table, rows, columns) })
}

/**
 * Below this many rows an insert goes as text: the binary path's round trip through a file
 * costs more than the engine's parsing of a few rows (an audit record: 6 ms against 3.5 ms).
 */
export const SMALL_INSERT_ROWS = 64

function encodeRows(
  storage: Storage,
  table: string,
  rows: readonly object[],
  columns: readonly string[],
): Pick<EncodedInsert, 'format' | 'body'> {
  const types =
    storage.binaryInserts && rows.length >= SMALL_INSERT_ROWS
      ? declaredColumnTypes(table, columns)
      : undefined
  const binary = types && encodeRowBinary(rows, columns, types)
  if (binary !== undefined) return { format: 'RowBinaryWithNamesAndTypes', body: binary }
  return { format: 'JSONCompactEachRow', body: encodeCompactRows(rows, columns) }
}

/** JSONCompactEachRow lines of `rows`, values in `columns` order. */
export function encodeCompactRows(rows: readonly object[], columns: readonly string[]): Buffer {
  let text = ''
  for (let r = 0; r < rows.length; r++) {
    text += `${JSON.stringify(rowValues(rows[r] as Record<string, unknown>, columns))}\n`
  }
  return Buffer.from(text)
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
  if (typeof err !== 'object' || err === null) return false
  // A server's error (ClickHouseError) carries the code as `code`; the embedded engine's own
  // errors carry it as `clickhouseCode`.
  const { code, clickhouseCode } = err as { code?: unknown; clickhouseCode?: unknown }
  const number = Number(clickhouseCode ?? code)
  return Number.isInteger(number) && DATA_ERROR_CODES.has(number)
}
