import 'server-only'
import { isWebError } from '../../errors'
import { AuditLogDocument, type AuditLogQuery } from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import type { PageWindow } from '../../lib/page-window'
import type { AuditState } from './audit-url'

/** Records per page. */
export const PAGE_SIZE = 50

/** A page of the audit log, or why the api would not give it (no error page for either). */
export type AuditResult =
  | { kind: 'page'; page: AuditLogQuery['auditLog'] }
  | { kind: 'admins-only' }
  | { kind: 'bad-filter'; message: string }

/**
 * One page of the window's audit trail. The api refuses non-admins (FORBIDDEN) and unknown
 * actions (BAD_USER_INPUT); both are answers the page explains, not failures.
 */
export async function loadAuditLog(
  projectId: string,
  window: PageWindow,
  state: AuditState,
): Promise<AuditResult> {
  try {
    const data = await gql(AuditLogDocument, {
      projectId,
      from: window.from,
      to: window.to,
      action: state.action,
      actor: state.actor,
      first: PAGE_SIZE,
      after: state.after,
    })
    return { kind: 'page', page: data.auditLog }
  } catch (error) {
    if (isWebError(error, 'FORBIDDEN')) return { kind: 'admins-only' }
    if (isWebError(error, 'BAD_USER_INPUT')) return { kind: 'bad-filter', message: error.message }
    throw error
  }
}
