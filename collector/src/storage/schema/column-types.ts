import { alertEventsTable, alertRulesTable } from './alerts'
import { auditLogTable } from './audit-log'
import { apiTokensTable, ingestKeysTable, projectMembersTable, projectsTable, usersTable } from './config'
import { mcpDenials1mTable } from './denials-rollup'
import { ingestReceiptsTable } from './ingest-receipts'
import { loginSessionsTable } from './login-sessions'
import { sessionLookupTable, traceLookupTable } from './lookups'
import { mcpCallsTable } from './mcp-calls'
import { mcpEventsTable } from './mcp-events'
import { mcpCallsOverview1mTable } from './overview-rollup'
import { mcpCalls1mTable } from './rollups'
import { schemaMigrationsTable } from './schema-migrations'
import { sessionTimelineTable } from './session-timeline'
import { spansTable } from './spans'
import { toolVersionsTable } from './tool-versions'
import type { Retention, TableDef } from './types'

// Retention renders only TTL clauses; column types do not depend on it.
const ANY_RETENTION: Retention = { rowDays: 1, payloadDays: 1, rollupDays: 1 }

/** Every table the migrations create, as declared (the same definitions `migrations-list.ts` renders). */
const TABLES: readonly TableDef[] = [
  spansTable(ANY_RETENTION),
  mcpCallsTable(ANY_RETENTION),
  mcpEventsTable(ANY_RETENTION),
  toolVersionsTable(),
  traceLookupTable(ANY_RETENTION),
  sessionLookupTable(ANY_RETENTION),
  sessionTimelineTable(ANY_RETENTION),
  mcpCalls1mTable(ANY_RETENTION),
  mcpCallsOverview1mTable(ANY_RETENTION),
  mcpDenials1mTable(ANY_RETENTION),
  projectsTable,
  ingestKeysTable,
  usersTable,
  apiTokensTable,
  projectMembersTable,
  alertRulesTable,
  alertEventsTable,
  auditLogTable,
  ingestReceiptsTable,
  loginSessionsTable,
  schemaMigrationsTable,
]

const BY_TABLE: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  TABLES.map((table) => [table.name, new Map(table.columns.map((column) => [column.name, column.type]))]),
)

/** Names of the tables {@link declaredColumnTypes} knows. */
export const DECLARED_TABLES: readonly string[] = TABLES.map((table) => table.name)

/**
 * The declared ClickHouse types of `columns` of `table`, in order; undefined when the
 * table or one of the columns is not declared in `schema/`.
 */
export function declaredColumnTypes(table: string, columns: readonly string[]): string[] | undefined {
  const declared = BY_TABLE.get(table)
  if (declared === undefined) return undefined
  const types: string[] = []
  for (const column of columns) {
    const type = declared.get(column)
    if (type === undefined) return undefined
    types.push(type)
  }
  return types
}
