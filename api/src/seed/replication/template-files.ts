/**
 * The template of a replicated seed: generated traffic written, batch by batch, to
 * RowBinary files the engine reads back for every copy (`copy-sql.ts`). Each row
 * carries three columns the tables do not have: the key of its session (the session id,
 * or the trace id of a session-less call) and the bounds of the offsets its copies may
 * take (`copy-offsets.ts`), so the engine can move a whole session at once.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { declaredColumnTypes, encodeRowBinary } from '@tollgate/collector'
import type { CallPlan } from '../call-plan'
import type { SeedRows } from '../call-rows'
import { SeedBatch } from '../seed-batch'
import type { Traffic } from '../traffic'
import { type OffsetLimits, offsetBounds } from './copy-offsets'

/** The tables a template holds, in the order copies are inserted. */
export const TEMPLATE_TABLES = ['mcp_calls', 'spans', 'mcp_events'] as const
export type TemplateTable = (typeof TEMPLATE_TABLES)[number]

/** The template-only columns, appended to every row (names the tables cannot clash with). */
export const SEED_COLUMNS = ['seed_key', 'seed_lo', 'seed_hi'] as const
const SEED_COLUMN_TYPES = ['String', 'Int64', 'Int64']

/**
 * Calls per template file. The traffic comes out nearly in time order, so a file holds
 * about a slice of the range (7 days / 10 files at 200k calls) and its copies land in one
 * or two day-partitions.
 */
export const FILE_CALLS = 20_000
/** Calls generated between two turns of the event loop (lets the progress clock tick). */
const YIELD_EVERY = 2_000

/** One file per table: a time slice of the template. */
export interface TemplateSlice {
  /** Path of each table's file; null when the slice has no row of that table. */
  files: Record<TemplateTable, string | null>
  calls: number
  rows: Record<TemplateTable, number>
}

/** A written template: where its files are and what one copy of it holds. */
export interface Template {
  /** Glob of each table's files, for the engine's `file()`. */
  globs: Record<TemplateTable, string>
  /** The files, slice by slice, in time order. */
  slices: readonly TemplateSlice[]
  /** The tables' own columns (without {@link SEED_COLUMNS}), as in the files. */
  columns: Record<TemplateTable, readonly string[]>
  calls: number
  /** Rows per copy. */
  rows: Record<TemplateTable, number>
}

/**
 * Plans every call of `traffic` into files under `dir` (a private directory the caller
 * removes). Memory stays at one file's rows.
 */
export async function writeTemplate(
  traffic: Traffic,
  projectId: string,
  dir: string,
  limits: Omit<OffsetLimits, 'spikeWindow'>,
  onCalls: (calls: number) => void,
): Promise<Template> {
  const rows: Record<TemplateTable, number> = { mcp_calls: 0, spans: 0, mcp_events: 0 }
  const columns: Partial<Record<TemplateTable, readonly string[]>> = {}
  let calls = 0
  let file = 0
  const slices: TemplateSlice[] = []
  let batch = new SeedBatch(projectId)
  let plans: CallPlan[] = []
  const collect = (plan: CallPlan) => plans.push(plan)
  const flush = () => {
    const slice: TemplateSlice = {
      files: { mcp_calls: null, spans: null, mcp_events: null },
      calls: batch.calls,
      rows: lengths(batch.rows),
    }
    for (const table of TEMPLATE_TABLES) {
      const list = batch.rows[table]
      if (list.length === 0) continue
      const tableColumns = Object.keys(list[0] as object).slice(0, -SEED_COLUMNS.length)
      columns[table] ??= tableColumns
      rows[table] += list.length
      const path = join(dir, `${table}-${file}.rowbinary`)
      writeFileSync(path, encode(table, list, tableColumns), { mode: 0o600, flag: 'wx' })
      slice.files[table] = path
    }
    slices.push(slice)
    file++
    batch = new SeedBatch(projectId)
  }
  let yieldAt = YIELD_EVERY
  while (traffic.next(collect)) {
    addTagged(batch, plans, { ...limits, spikeWindow: traffic.spikeWindow })
    calls += plans.length
    plans = []
    if (batch.calls >= FILE_CALLS) flush()
    if (calls >= yieldAt) {
      yieldAt += YIELD_EVERY
      onCalls(calls)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  if (batch.calls > 0) flush()
  const glob = (table: TemplateTable) => join(dir, `${table}-*.rowbinary`)
  return {
    globs: { mcp_calls: glob('mcp_calls'), spans: glob('spans'), mcp_events: glob('mcp_events') },
    slices,
    columns: columns as Record<TemplateTable, readonly string[]>,
    calls,
    rows,
  }
}

/** Adds the rows of one `traffic.next()` (a session, a few refusals or a spike), tagged by session. */
function addTagged(batch: SeedBatch, plans: readonly CallPlan[], limits: OffsetLimits): void {
  const groups = new Map<string, CallPlan[]>()
  for (const plan of plans) {
    const key = plan.session?.id ?? plan.traceId
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [plan])
    else group.push(plan)
  }
  for (const [key, group] of groups) {
    const { loMs, hiMs } = offsetBounds(group, limits)
    const before = lengths(batch.rows)
    for (const plan of group) batch.add(plan)
    for (const table of TEMPLATE_TABLES) {
      const list = batch.rows[table] as unknown as Record<string, unknown>[]
      for (let i = before[table]; i < list.length; i++) {
        const row = list[i]!
        row.seed_key = key
        row.seed_lo = loMs
        row.seed_hi = hiMs
      }
    }
  }
}

function lengths(rows: SeedRows): Record<TemplateTable, number> {
  return { mcp_calls: rows.mcp_calls.length, spans: rows.spans.length, mcp_events: rows.mcp_events.length }
}

function encode(table: TemplateTable, list: readonly object[], tableColumns: readonly string[]): Buffer {
  const types = declaredColumnTypes(table, tableColumns)
  const body =
    types && encodeRowBinary(list, [...tableColumns, ...SEED_COLUMNS], [...types, ...SEED_COLUMN_TYPES])
  // Every seeded value is written by its declared type; anything else is a generator bug.
  if (body === undefined) throw new Error(`seed: ${table} rows cannot be encoded as RowBinary`)
  return body
}
