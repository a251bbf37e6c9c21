import type { AuditLog } from '../audit/audit-log'
import type { Viewer } from '../auth/viewer'
import type { McpCall } from './models/call.model'
import { type Payload, PayloadState } from './models/payload.model'

/** The call a shown payload belongs to, as the audit record names it. */
export interface CallRef {
  traceId: string
  spanId: string
  sessionId: string
  method: string
  target: string
}

/** True when `payload` went out as text: what {@link recordPayloadReads} must be told about. */
export function payloadShown(payload: Payload): boolean {
  return payload.state === PayloadState.SHOWN
}

/** True when an answer carries any payload text of `call`. */
function showsPayload(call: McpCall): boolean {
  return (
    payloadShown(call.input) ||
    payloadShown(call.output) ||
    call.sources.some((s) => payloadShown(s.filter)) ||
    call.approvals.some((a) => payloadShown(a.shownParameters))
  )
}

/** {@link recordPayloadReads} for the calls of an answer that show a payload. */
export function auditPayloadReads(
  audit: AuditLog,
  viewer: Viewer,
  projectId: string,
  calls: readonly McpCall[],
  via: string,
): Promise<void> {
  return recordPayloadReads(audit, viewer, projectId, calls.filter(showsPayload), via)
}

/**
 * Records a `payload.read` per call (who, which call, when; once per call and answer), before
 * the answer leaves: when the trail cannot be written, the read fails.
 */
export async function recordPayloadReads(
  audit: AuditLog,
  viewer: Viewer,
  projectId: string,
  calls: readonly CallRef[],
  via: string,
): Promise<void> {
  const unique = new Map(calls.map((call) => [`${call.traceId}/${call.spanId}`, call]))
  await audit.record(
    [...unique].map(([target, call]) => ({
      actor: viewer.username,
      action: 'payload.read' as const,
      projectId,
      target,
      details: {
        userId: viewer.userId,
        via,
        sessionId: call.sessionId,
        method: call.method,
        target: call.target,
      },
    })),
  )
}
