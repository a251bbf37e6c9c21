import { queryRows, type Storage } from '@tollgate/collector'
import type { PageRequest } from '../graphql/page'
import type { TimeRange } from '../graphql/time-range'
import { MISUSE_WEIGHTS, misuseScore } from './misuse-score'
import type { MisuseSignals, ToolStats } from './models/tool-stats.model'

interface ToolRow {
  server_name: string
  tool: string
  calls: string
  errors: string
  denials: string
  p95_ms: number
  side_effect: string
  invalid_arguments: string
  unknown_tool: string
  writes_without_approval: string
  retry_loops: string
  injection_suspected: string
}

/** Column of each signal in the query below. */
const SIGNAL_COLUMNS: Readonly<Record<keyof MisuseSignals, string>> = {
  invalidArguments: 'invalid_arguments',
  unknownTool: 'unknown_tool',
  denied: 'denials',
  writesWithoutApproval: 'writes_without_approval',
  retryLoops: 'retry_loops',
  injectionSuspected: 'injection_suspected',
}

/** The ranking key in SQL, from the same weights as {@link misuseScore}: one source. */
const SCORE_SQL = Object.entries(MISUSE_WEIGHTS)
  .map(([signal, weight]) => `${weight} * ${SIGNAL_COLUMNS[signal as keyof MisuseSignals]}`)
  .join(' + ')

/**
 * Per-tool statistics and misuse signals over server-side `tools/call` rows, ranked in SQL so
 * pages are stable. "Unknown tool" needs the server's own list: a call of a tool that server
 * never listed in `tools/list` (`tool_versions`); servers that never listed count none.
 * "Retry loops" compare the recorded (redacted) arguments, so they follow the payload TTL.
 */
export class ToolsRepository {
  constructor(private readonly storage: Storage) {}

  async page(
    projectId: string,
    range: TimeRange,
    page: PageRequest,
  ): Promise<{ items: ToolStats[]; hasMore: boolean }> {
    const db = this.storage.database
    const rows = await queryRows<ToolRow>(
      this.storage,
      `WITH
         calls AS (
           SELECT server_name, target, outcome, caller_fault, error_code, duration_ns, side_effect, approval,
                  injection_suspected, session_id, input
           FROM ${db}.mcp_calls
           WHERE project_id = {projectId:String} AND span_kind = 'SERVER' AND method = 'tools/call'
             AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})
         ),
         listed AS (SELECT DISTINCT server_name, tool_name FROM ${db}.tool_versions WHERE project_id = {projectId:String}),
         listing AS (SELECT DISTINCT server_name FROM listed),
         repeats AS (
           SELECT server_name, target, sum(n - 1) AS retry_loops FROM (
             SELECT server_name, target, session_id, cityHash64(input) AS h, count() AS n FROM calls
             WHERE session_id != '' AND input != '' GROUP BY server_name, target, session_id, h HAVING n > 1
           ) GROUP BY server_name, target
         ),
         stats AS (
           SELECT server_name, target, count() AS calls,
                  countIf(outcome = 'error' AND caller_fault = 0) AS errors,
                  countIf(outcome = 'denied') AS denials,
                  quantile(0.95)(duration_ns) / 1e6 AS p95_ms,
                  topK(1)(side_effect)[1] AS main_side_effect,
                  countIf(error_code = -32602) AS invalid_arguments,
                  countIf(side_effect = 'write' AND approval != 'approved') AS writes_without_approval,
                  countIf(injection_suspected = 1) AS injection_suspected
           FROM calls GROUP BY server_name, target
         )
       SELECT s.server_name AS server_name, s.target AS tool, s.calls AS calls, s.errors AS errors, s.denials AS denials,
              s.p95_ms AS p95_ms, s.main_side_effect AS side_effect, s.invalid_arguments AS invalid_arguments,
              if(ls.server_name != '' AND l.tool_name = '', s.calls, 0) AS unknown_tool,
              s.writes_without_approval AS writes_without_approval, r.retry_loops AS retry_loops,
              s.injection_suspected AS injection_suspected, ${SCORE_SQL} AS misuse_score
       FROM stats AS s
       LEFT JOIN listed AS l ON l.server_name = s.server_name AND l.tool_name = s.target
       LEFT JOIN listing AS ls ON ls.server_name = s.server_name
       LEFT JOIN repeats AS r ON r.server_name = s.server_name AND r.target = s.target
       ORDER BY misuse_score DESC, calls DESC, server_name, tool
       LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      { projectId, fromMs: range.fromMs, toMs: range.toMs, limit: page.limit + 1, offset: page.offset },
    )
    return { items: rows.slice(0, page.limit).map(toToolStats), hasMore: rows.length > page.limit }
  }
}

function toToolStats(row: ToolRow): ToolStats {
  const misuse: MisuseSignals = {
    invalidArguments: Number(row.invalid_arguments),
    unknownTool: Number(row.unknown_tool),
    denied: Number(row.denials),
    writesWithoutApproval: Number(row.writes_without_approval),
    retryLoops: Number(row.retry_loops),
    injectionSuspected: Number(row.injection_suspected),
  }
  return {
    serverName: row.server_name,
    tool: row.tool,
    calls: Number(row.calls),
    errors: Number(row.errors),
    denials: Number(row.denials),
    p95Ms: Number(row.p95_ms),
    sideEffect: row.side_effect || 'unknown',
    misuse,
    misuseScore: misuseScore(misuse),
  }
}
