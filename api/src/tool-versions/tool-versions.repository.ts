import { queryRows, type Storage } from '@tollgate/collector'
import type { ToolDefinitionVersion, ToolHistory } from './models/tool-version.model'

interface VersionRow {
  server_name: string
  tool_name: string
  description_hash: string
  input_schema_hash: string
  output_schema_hash: string
  annotations_hash: string
  description: string
  input_schema: string
  output_schema: string
  annotations: string
  first_seen_ms: string
  last_seen_ms: string
  seen_count: string
}

/** Most versions returned: a tool redefined more often than this is reported by its newest. */
export const MAX_VERSIONS = 500

/**
 * Tool-definition history from `tool_versions` (one row per distinct definition, folded by
 * the AggregatingMergeTree; `GROUP BY` folds what merges have not yet).
 */
export class ToolVersionsRepository {
  constructor(private readonly storage: Storage) {}

  async histories(
    projectId: string,
    serverName: string | undefined,
    tool: string | undefined,
  ): Promise<ToolHistory[]> {
    const rows = await queryRows<VersionRow>(
      this.storage,
      `SELECT * FROM (
         SELECT server_name, tool_name, description_hash, input_schema_hash, output_schema_hash, annotations_hash,
                any(description) AS description, any(input_schema) AS input_schema,
                any(output_schema) AS output_schema, any(annotations) AS annotations,
                toString(toUnixTimestamp64Milli(min(first_seen))) AS first_seen_ms,
                toString(toUnixTimestamp64Milli(max(last_seen))) AS last_seen_ms,
                sum(seen_count) AS seen_count
         FROM ${this.storage.database}.tool_versions
         WHERE project_id = {projectId:String}
           AND ({serverName:String} = '' OR server_name = {serverName:String})
           AND ({tool:String} = '' OR tool_name = {tool:String})
         GROUP BY server_name, tool_name, description_hash, input_schema_hash, output_schema_hash, annotations_hash
         ORDER BY first_seen_ms DESC LIMIT ${MAX_VERSIONS}
       ) ORDER BY server_name, tool_name, toInt64(first_seen_ms)`,
      { projectId, serverName: serverName ?? '', tool: tool ?? '' },
    )
    const histories = new Map<string, ToolHistory>()
    for (const row of rows) {
      const key = `${row.server_name}\u0000${row.tool_name}`
      let history = histories.get(key)
      if (history === undefined) {
        history = { serverName: row.server_name, tool: row.tool_name, changed: false, versions: [] }
        histories.set(key, history)
      }
      history.versions.push(toVersion(row))
      history.changed = history.versions.length > 1
    }
    return [...histories.values()]
  }
}

function toVersion(row: VersionRow): ToolDefinitionVersion {
  return {
    descriptionHash: row.description_hash,
    inputSchemaHash: row.input_schema_hash,
    outputSchemaHash: row.output_schema_hash,
    annotationsHash: row.annotations_hash,
    description: row.description,
    inputSchema: row.input_schema,
    outputSchema: row.output_schema,
    annotations: row.annotations,
    firstSeen: new Date(Number(row.first_seen_ms)),
    lastSeen: new Date(Number(row.last_seen_ms)),
    seenCount: Number(row.seen_count),
  }
}
