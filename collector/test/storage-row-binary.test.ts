import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type EncodedInsert,
  encodeCompactRows,
  type InsertFormat,
  insertRows,
  openStorage,
  queryRows,
  SMALL_INSERT_ROWS,
  type Storage,
} from '../src/storage/client'
import { runMigrations } from '../src/storage/migrations'
import { encodeRowBinary } from '../src/storage/row-binary/encode-rows'
import { DECLARED_TABLES, declaredColumnTypes } from '../src/storage/schema/column-types'

/** Every column type the schema declares (and the wrappers the encoder unwraps), one column each. */
const TYPES: Record<string, string> = {
  id: 'UInt32',
  s: 'String',
  lc: 'LowCardinality(String)',
  u8: 'UInt8',
  u16: 'UInt16',
  u64: 'UInt64',
  i32: 'Int32',
  f64: 'Float64',
  flag: 'Bool',
  ns: 'DateTime64(9)',
  ms: 'DateTime64(3)',
  secs: 'DateTime',
  strings: 'Array(String)',
  lcs: 'Array(LowCardinality(String))',
  times: 'Array(DateTime64(9))',
  attrs: 'Map(LowCardinality(String), String)',
  attr_list: 'Array(Map(LowCardinality(String), String))',
  any_s: 'SimpleAggregateFunction(any, String)',
  sum_u64: 'SimpleAggregateFunction(sum, UInt64)',
  maybe: 'Nullable(String)',
}
const COLUMNS = Object.keys(TYPES)

const edge = {
  s: '',
  lc: '',
  u8: 255,
  u16: 65_535,
  u64: Number.MAX_SAFE_INTEGER,
  i32: -2_147_483_648,
  f64: -0.1,
  flag: false,
  ns: '9223372036854775807',
  ms: '0000000000000',
  secs: 4_294_967_295,
  strings: [],
  lcs: [],
  times: [],
  attrs: {},
  attr_list: [],
  any_s: '',
  sum_u64: 0,
  maybe: null,
}
const ROWS = [
  { id: 1, ...edge },
  {
    id: 4_294_967_295,
    ...edge,
    s: 'ünïcødé 😀 — 中文',
    lc: 'x'.repeat(300),
    u8: 0,
    u64: 0,
    i32: 2_147_483_647,
    f64: 1e308,
    flag: true,
    ns: '0000000000000000000',
    ms: '1700000000123',
    secs: 0,
    strings: ['', 'a', 'é'.repeat(100)],
    lcs: ['tickets:read', 'tickets:read'],
    times: ['1700000000123456789', '0000000000000000000'],
    attrs: { '': '', 'k.😀': 'v\n\t"\\', '1': 'numeric key' },
    attr_list: [{}, { a: 'b' }],
    any_s: 'y'.repeat(20_000),
    sum_u64: 4_294_967_296,
    maybe: 'here',
  },
]

let dir: string
let storage: Storage
let db: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-rowbinary-'))
  db = `tg_rb_${randomBytes(4).toString('hex')}`
  storage = openStorage({ kind: 'embedded', dataDir: join(dir, 'data'), database: db })
  await runMigrations(storage)
  const ddl = COLUMNS.map((name) => `${name} ${TYPES[name]}`).join(', ')
  for (const table of ['types_binary', 'types_text'])
    await storage.client.command({
      query: `CREATE TABLE ${db}.${table} (${ddl}) ENGINE = MergeTree ORDER BY id`,
    })
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** `storage`, recording the format of each insert. */
function recording(formats: InsertFormat[]): Storage {
  return {
    ...storage,
    insertEncoded: (insert: EncodedInsert) => {
      formats.push(insert.format)
      return storage.insertEncoded(insert)
    },
  }
}

const selectAll = (table: string) =>
  queryRows<Record<string, unknown>>(
    storage,
    `SELECT * FROM ${db}.${table} ORDER BY id SETTINGS output_format_json_quote_64bit_integers = 0`,
  )

describe('RowBinaryWithNamesAndTypes inserts (embedded engine)', () => {
  it('store every declared type exactly as the same rows sent as JSONCompactEachRow', async () => {
    const types = COLUMNS.map((name) => TYPES[name] as string)
    const body = encodeRowBinary(ROWS, COLUMNS, types)
    expect(body).toBeInstanceOf(Buffer)
    const insert = { columns: COLUMNS, settings: {} }
    await storage.insertEncoded({
      ...insert,
      table: 'types_binary',
      format: 'RowBinaryWithNamesAndTypes',
      body: body as Buffer,
    })
    await storage.insertEncoded({
      ...insert,
      table: 'types_text',
      format: 'JSONCompactEachRow',
      body: encodeCompactRows(ROWS, COLUMNS),
    })
    const stored = await selectAll('types_binary')
    expect(stored).toEqual(await selectAll('types_text'))
    expect(stored).toHaveLength(2)
    const [times] = await queryRows<Record<string, string>>(
      storage,
      `SELECT toString(toUnixTimestamp64Nano(ns)) AS ns, toString(toUnixTimestamp64Milli(ms)) AS ms,
              arrayMap(t -> toString(toUnixTimestamp64Nano(t)), times) AS times, id
       FROM ${db}.types_binary WHERE id = 4294967295`,
    )
    expect(times).toEqual({
      ns: '0',
      ms: '1700000000123',
      times: ['1700000000123456789', '0'],
      id: 4_294_967_295,
    })
    const [max] = await queryRows<Record<string, string>>(
      storage,
      `SELECT toString(toUnixTimestamp64Nano(ns)) AS ns FROM ${db}.types_binary WHERE id = 1`,
    )
    expect(max?.ns).toBe('9223372036854775807')
  })

  /** A batch just big enough for the binary path, every row its own span. */
  const batch = (prefix: string) =>
    Array.from({ length: SMALL_INSERT_ROWS }, (_, i) =>
      spanRow({ span_id: `${prefix}${i.toString(16).padStart(15, '0')}` }),
    )

  it('are what insertRows sends for the data tables, deduplicated by token down to the view targets', async () => {
    const formats: InsertFormat[] = []
    const rows = batch('a')
    for (let attempt = 0; attempt < 3; attempt++)
      await insertRows(recording(formats), 'spans', rows, 'tok-spans')
    expect(formats).toEqual([
      'RowBinaryWithNamesAndTypes',
      'RowBinaryWithNamesAndTypes',
      'RowBinaryWithNamesAndTypes',
    ])
    const [counts] = await queryRows<{ spans: number; lookup: number }>(
      storage,
      `SELECT (SELECT count() FROM ${db}.spans WHERE project_id = 'proj_rb') AS spans,
              (SELECT sum(span_count) FROM ${db}.trace_lookup WHERE project_id = 'proj_rb') AS lookup
       SETTINGS output_format_json_quote_64bit_integers = 0`,
    )
    expect(counts).toEqual({ spans: SMALL_INSERT_ROWS, lookup: SMALL_INSERT_ROWS })
  })

  it('leave small batches to text: a file round trip costs more than parsing a few rows', async () => {
    const formats: InsertFormat[] = []
    await insertRows(recording(formats), 'spans', batch('b').slice(1))
    expect(formats).toEqual(['JSONCompactEachRow'])
  })

  it('fall back to text for rows the encoder cannot write, so missing columns still get defaults', async () => {
    const formats: InsertFormat[] = []
    const { trace_state: _, ...missing } = spanRow({ span_id: 'f'.repeat(16) })
    const rows = [...batch('c').slice(1), spanRow({ span_id: 'e'.repeat(16) }), missing]
    expect(rows.length).toBeGreaterThanOrEqual(SMALL_INSERT_ROWS)
    await insertRows(recording(formats), 'spans', rows)
    expect(formats).toEqual(['JSONCompactEachRow'])
    const stored = await queryRows<{ trace_state: string }>(
      storage,
      `SELECT trace_state FROM ${db}.spans WHERE span_id IN ('${'e'.repeat(16)}', '${'f'.repeat(16)}') ORDER BY span_id`,
    )
    expect(stored).toEqual([{ trace_state: 'vendor=x' }, { trace_state: '' }])
  })

  it('leave no file behind, after a commit or a failure', async () => {
    const broken = Buffer.from([1, 1, 0x61, 6, 0x53, 0x74, 0x72, 0x69, 0x6e, 0x67, 0x05]) // promises 5 bytes, has none
    const failure = await storage
      .insertEncoded({
        table: 'spans',
        columns: ['trace_id'],
        format: 'RowBinaryWithNamesAndTypes',
        body: broken,
        settings: {},
      })
      .catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(Error)
    expect(readdirSync(join(dir, 'data', 'insert-files'))).toEqual([])
  })
})

describe('declaredColumnTypes', () => {
  it('matches the column types of every table the migrations applied', async () => {
    const applied = await queryRows<{ table: string; name: string; type: string }>(
      storage,
      `SELECT table, name, type FROM system.columns WHERE database = {db:String} AND table NOT LIKE 'types_%'
       AND table NOT LIKE '.inner%' AND table IN (SELECT name FROM system.tables WHERE database = {db:String} AND engine NOT IN ('MaterializedView'))
       ORDER BY table, position`,
      { db },
    )
    const tables = [...new Set(applied.map((c) => c.table))].sort()
    expect(tables).toEqual([...DECLARED_TABLES].sort())
    for (const table of tables) {
      const columns = applied.filter((c) => c.table === table)
      const declared = declaredColumnTypes(
        table,
        columns.map((c) => c.name),
      )
      expect(
        declared?.map((t) => t.replace(/\s+/g, '')),
        table,
      ).toEqual(columns.map((c) => c.type.replace(/\s+/g, '')))
    }
  })
})

function spanRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const ns = `${Date.now() - 60_000}000000`
  return {
    project_id: 'proj_rb',
    timestamp: ns,
    end_timestamp: ns,
    duration_ns: 0,
    trace_id: '1'.repeat(32),
    span_id: '2'.repeat(16),
    parent_span_id: '',
    trace_state: 'vendor=x',
    flags: 0,
    name: 'tools/call search',
    kind: 'SERVER',
    status_code: 'UNSET',
    status_message: '',
    service_name: 'svc',
    scope_name: '',
    scope_version: '',
    resource_attributes: {},
    attributes: { 'mcp.method.name': 'tools/call' },
    event_times: [],
    event_names: [],
    event_attributes: [],
    link_trace_ids: [],
    link_span_ids: [],
    link_trace_states: [],
    link_attributes: [],
    dropped_attributes_count: 0,
    dropped_events_count: 0,
    dropped_links_count: 0,
    truncated_values: 0,
    ...overrides,
  }
}
