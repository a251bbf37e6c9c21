/**
 * Seeding by replication, for large runs on the embedded engine: generating and encoding a
 * call in JS costs more than the engine takes to store it, so only a template of the
 * traffic is generated (`template-files.ts`) and the engine writes `copies` rewritten
 * copies of it (`copy-sql.ts`), a few copies per statement.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { insertRows, queryRows, type Storage } from '@tollgate/collector'
import { type ToolDefinition, toolVersionRow } from '../catalog/tool-definitions'
import type { Traffic } from '../traffic'
import { copyStatement, TOOL_SIGHTINGS } from './copy-sql'
import {
  FILE_CALLS,
  TEMPLATE_TABLES,
  type Template,
  type TemplateTable,
  writeTemplate,
} from './template-files'

/**
 * Calls the engine writes per statement: progress moves every ten seconds or so. Fewer
 * cost little (each statement reads a template file once more).
 */
const CHUNK_CALLS = 400_000

/** What a replication wrote so far. */
export interface ReplicationProgress {
  /** Template calls planned so far (while the template is generated). */
  templateCalls: number
  /** Calls and rows stored so far. */
  stored: { calls: number; mcp_calls: number; spans: number; mcp_events: number }
  /** The template, once written. */
  template: Template | null
  toolVersions: number
}

interface Sighting {
  server: string
  tool: string
  description_hash: string
  input_schema_hash: string
  annotations_hash: string
  first_seen: string
  last_seen: string
  seen: string
}

/**
 * Writes `copies` copies of the traffic `template` plans into `projectId`. `progress` is
 * updated as it goes (the caller reports it on a clock).
 */
export async function replicate(
  storage: Storage,
  options: {
    projectId: string
    template: Traffic
    copies: number
    startMs: number
    endMs: number
    definitions: { changeTimes(server: string): readonly number[]; all(): ToolDefinition[] }
  },
  progress: ReplicationProgress,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-seed-'))
  try {
    const template = await writeTemplate(
      options.template,
      options.projectId,
      dir,
      {
        startMs: options.startMs,
        endMs: options.endMs,
        changeTimes: (s) => options.definitions.changeTimes(s),
      },
      (calls) => {
        progress.templateCalls = calls
      },
    )
    progress.templateCalls = template.calls
    progress.template = template
    // Each statement copies one time slice of the template (one file) many times, so its rows
    // land in one or two day-partitions: fewer, larger parts to merge than copying the whole
    // template (every day) a few times per statement.
    const perStatement = Math.max(1, Math.floor(CHUNK_CALLS / FILE_CALLS))
    for (let k0 = 0; k0 < options.copies; k0 += perStatement) {
      const k1 = Math.min(options.copies, k0 + perStatement)
      for (const slice of template.slices) {
        for (const table of TEMPLATE_TABLES) await copy(storage, template, table, slice.files[table], k0, k1)
        progress.stored.calls += slice.calls * (k1 - k0)
        for (const table of TEMPLATE_TABLES) progress.stored[table] += slice.rows[table] * (k1 - k0)
      }
    }
    progress.toolVersions = await insertToolVersions(storage, options, template)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function copy(
  storage: Storage,
  template: Template,
  table: TemplateTable,
  file: string | null,
  k0: number,
  k1: number,
) {
  if (file === null) return
  await storage.client.command({
    query: copyStatement(storage.database, table, template),
    query_params: { files: file, k0, k1 },
  })
}

/** `tool_versions` rows of every copy's `tools/list` calls, one per definition. */
async function insertToolVersions(
  storage: Storage,
  options: { projectId: string; copies: number; definitions: { all(): ToolDefinition[] } },
  template: Template,
): Promise<number> {
  if (template.rows.spans === 0) return 0
  const sightings = await queryRows<Sighting>(storage, TOOL_SIGHTINGS, {
    files: template.globs.spans,
    k0: 0,
    k1: options.copies,
  })
  const byKey = new Map<string, ToolDefinition>()
  const key = (server: string, tool: string, d: string, i: string, a: string) =>
    `${server}/${tool}/${d}/${i}/${a}`
  for (const def of options.definitions.all()) {
    byKey.set(key(def.server, def.tool, def.descriptionHash, def.inputSchemaHash, def.annotationsHash), def)
  }
  const rows = sightings.map((s) => {
    const def = byKey.get(key(s.server, s.tool, s.description_hash, s.input_schema_hash, s.annotations_hash))
    if (def === undefined) throw new Error(`seed: unknown tool definition ${s.server}/${s.tool}`)
    return toolVersionRow(options.projectId, def, s.first_seen, s.last_seen, Number(s.seen))
  })
  await insertRows(storage, 'tool_versions', rows)
  return rows.length
}
