import { queryRows, type Storage } from '@tollgate/collector'
import type { PageRequest } from '../graphql/page'
import type { TimeRange } from '../graphql/time-range'
import { type Principal, PrincipalKind } from './models/principal.model'

/** The column of each kind: chosen by the enum, never built from input. */
const KEY: Readonly<Record<PrincipalKind, string>> = {
  [PrincipalKind.USER]: 'user_id',
  [PrincipalKind.AGENT]: 'agent_id',
  [PrincipalKind.CLIENT]: 'oauth_client_id',
}

interface PrincipalRow {
  id: string
  calls: string
  denials: string
  scopes: string[]
  audience_mismatches: string
  targets: string
  last_seen_ms: string
}

/** Users, agents or OAuth clients with their activity; refused connections count as denials. */
export class PrincipalsRepository {
  constructor(private readonly storage: Storage) {}

  async page(
    projectId: string,
    range: TimeRange,
    kind: PrincipalKind,
    page: PageRequest,
  ): Promise<{ items: Principal[]; hasMore: boolean }> {
    const key = KEY[kind]
    const rows = await queryRows<PrincipalRow>(
      this.storage,
      `SELECT ${key} AS id, count() AS calls, countIf(outcome = 'denied') AS denials,
              arraySort(groupUniqArrayArray(20)(scopes)) AS scopes,
              countIf(audience_match = 'mismatch') AS audience_mismatches,
              uniqExact(target) AS targets,
              toString(toUnixTimestamp64Milli(max(timestamp))) AS last_seen_ms
       FROM ${this.storage.database}.mcp_calls
       WHERE project_id = {projectId:String}
         AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})
         AND (span_kind = 'SERVER' OR denial_source = 'auth') AND ${key} != ''
       GROUP BY id ORDER BY denials DESC, calls DESC, id
       LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      { projectId, fromMs: range.fromMs, toMs: range.toMs, limit: page.limit + 1, offset: page.offset },
    )
    return { items: rows.slice(0, page.limit).map(toPrincipal), hasMore: rows.length > page.limit }
  }
}

function toPrincipal(row: PrincipalRow): Principal {
  const calls = Number(row.calls)
  const denials = Number(row.denials)
  return {
    id: row.id,
    calls,
    denials,
    denialRate: calls === 0 ? 0 : denials / calls,
    scopes: row.scopes,
    audienceMismatches: Number(row.audience_mismatches),
    targets: Number(row.targets),
    lastSeen: new Date(Number(row.last_seen_ms)),
  }
}
