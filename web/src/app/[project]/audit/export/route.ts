import { exportAuditLog } from '../../../../features/audit/audit-export'

/** `GET /[project]/audit/export?from=&to=&format=csv|jsonl[&action=][&actor=]`: the audit trail as a file. */
export async function GET(request: Request, { params }: RouteContext<'/[project]/audit/export'>) {
  const { project } = await params
  return exportAuditLog(decodeURIComponent(project), new URL(request.url))
}
