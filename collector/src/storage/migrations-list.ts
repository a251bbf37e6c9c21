import { alertEventsTable, alertRulesTable } from './schema/alerts'
import { auditLogTable } from './schema/audit-log'
import { rebuildStatements } from './schema/backfill'
import {
  apiTokensTable,
  ingestKeysTable,
  projectMembersTable,
  projectsTable,
  usersTable,
} from './schema/config'
import { mcpDenials1mTable, mcpDenials1mView } from './schema/denials-rollup'
import { ingestReceiptsTable } from './schema/ingest-receipts'
import { loginSessionsTable } from './schema/login-sessions'
import { sessionLookupTable, sessionLookupView, traceLookupTable, traceLookupView } from './schema/lookups'
import { mcpCallsTable } from './schema/mcp-calls'
import { mcpEventsTable } from './schema/mcp-events'
import { mcpCallsOverview1mStatements } from './schema/overview-rollup'
import { renderTable, renderView } from './schema/render-ddl'
import { mcpCalls1mSpanKindStatements, mcpCalls1mTable, mcpCalls1mView } from './schema/rollups'
import { schemaMigrationsTable } from './schema/schema-migrations'
import {
  sessionTimelineCallsView,
  sessionTimelineEventsView,
  sessionTimelineTable,
} from './schema/session-timeline'
import { spansTable } from './schema/spans'
import { toolVersionsTable } from './schema/tool-versions'
import type { RenderTarget, Retention, TableDef } from './schema/types'

/** What a migration renders its statements for. */
export interface MigrationContext {
  readonly target: RenderTarget
  readonly retention: Retention
}

/** One versioned migration: an id that sorts in apply order, and its statements. */
export interface MigrationDef {
  readonly id: string
  statements(ctx: MigrationContext): string[]
}

/**
 * Every migration, in apply order. Append only: an applied id is never edited
 * or reused. To change an existing table, append a migration with idempotent
 * `ALTER TABLE … ADD COLUMN IF NOT EXISTS …` statements (on a cluster: `ON CLUSTER`
 * against `<t>_local`, then the Distributed `<t>`) and update the definition in
 * `schema/` as well, so a fresh install creates the table directly and the replayed
 * ALTER is a no-op.
 */
export const MIGRATIONS: readonly MigrationDef[] = [
  { id: '0001_spans', statements: ({ target, retention }) => renderTable(spansTable(retention), target) },
  {
    id: '0002_mcp_calls',
    statements: ({ target, retention }) => renderTable(mcpCallsTable(retention), target),
  },
  {
    id: '0003_mcp_events',
    statements: ({ target, retention }) => renderTable(mcpEventsTable(retention), target),
  },
  { id: '0004_tool_versions', statements: ({ target }) => renderTable(toolVersionsTable(), target) },
  {
    id: '0005_trace_lookup',
    statements: ({ target, retention }) => [
      ...renderTable(traceLookupTable(retention), target),
      renderView(traceLookupView, target),
    ],
  },
  {
    id: '0006_session_lookup',
    statements: ({ target, retention }) => [
      ...renderTable(sessionLookupTable(retention), target),
      renderView(sessionLookupView, target),
    ],
  },
  {
    id: '0007_mcp_calls_1m',
    statements: ({ target, retention }) => [
      ...renderTable(mcpCalls1mTable(retention), target),
      renderView(mcpCalls1mView, target),
    ],
  },
  {
    id: '0008_access',
    statements: ({ target }) =>
      tables(target, projectsTable, ingestKeysTable, usersTable, apiTokensTable, projectMembersTable),
  },
  { id: '0009_alerts', statements: ({ target }) => tables(target, alertRulesTable, alertEventsTable) },
  { id: '0010_audit_log', statements: ({ target }) => renderTable(auditLogTable, target) },
  { id: '0011_ingest_receipts', statements: ({ target }) => renderTable(ingestReceiptsTable, target) },
  { id: '0012_login_sessions', statements: ({ target }) => renderTable(loginSessionsTable, target) },
  { id: '0013_mcp_calls_1m_span_kind', statements: ({ target }) => mcpCalls1mSpanKindStatements(target) },
  {
    id: '0014_mcp_calls_overview_1m',
    statements: ({ target, retention }) => mcpCallsOverview1mStatements(target, retention),
  },
  {
    id: '0015_lookups_by_month',
    statements: ({ target, retention }) => [
      ...rebuildStatements(traceLookupTable(retention), [traceLookupView], target),
      ...rebuildStatements(sessionLookupTable(retention), [sessionLookupView], target),
    ],
  },
  {
    id: '0016_session_timeline',
    statements: ({ target, retention }) =>
      rebuildStatements(
        sessionTimelineTable(retention),
        [sessionTimelineCallsView, sessionTimelineEventsView],
        target,
      ),
  },
  {
    id: '0017_denials_by_principal',
    statements: ({ target, retention }) =>
      rebuildStatements(mcpDenials1mTable(retention), [mcpDenials1mView], target),
  },
]

/** The bookkeeping table, created (IF NOT EXISTS) before any migration runs. */
export function bookkeepingStatements(target: RenderTarget): string[] {
  return renderTable(schemaMigrationsTable, target)
}

function tables(target: RenderTarget, ...defs: TableDef[]): string[] {
  return defs.flatMap((def) => renderTable(def, target))
}
