import type { AuditEntry, AuditLog } from '../audit/audit-log'
import type { Viewer } from '../auth/viewer'
import type { McpCall } from './models/call.model'
import { PayloadState } from './models/payload.model'

/** True when an answer carries any payload text of `call`. */
function showsPayload(call: McpCall): boolean {
  return (
    call.input.state === PayloadState.SHOWN ||
    call.output.state === PayloadState.SHOWN ||
    call.sources.some((s) => s.filter.state === PayloadState.SHOWN) ||
    call.approvals.some((a) => a.shownParameters.state === PayloadState.SHOWN)
  )
}

/**
 * Records a `payload.read` per call whose payload the answer shows (who, which call, when),
 * before the answer leaves: when the trail cannot be written, the read fails.
 */
export async function auditPayloadReads(
  audit: AuditLog,
  viewer: Viewer,
  projectId: string,
  calls: readonly McpCall[],
  via: string,
): Promise<void> {
  const entries: AuditEntry[] = calls.filter(showsPayload).map((call) => ({
    actor: viewer.username,
    action: 'payload.read',
    projectId,
    target: `${call.traceId}/${call.spanId}`,
    details: {
      userId: viewer.userId,
      via,
      sessionId: call.sessionId,
      method: call.method,
      target: call.target,
    },
  }))
  await audit.record(entries)
}
