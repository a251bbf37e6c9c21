import { apiError } from '../auth/viewer'
import { AUDIT_ACTIONS } from './audit-log'

/** What a reader narrows the audit trail to, besides project and time. */
export interface AuditFilter {
  action?: string | null
  actor?: string | null
}

/** Longest actor name searched: usernames are far shorter. */
const MAX_ACTOR_LENGTH = 256

/** A filter as a SQL condition over `audit_log` and its bound parameters. Refuses unknown actions. */
export function auditCondition(filter: AuditFilter): { sql: string; params: Record<string, string> } {
  const clauses: string[] = []
  const params: Record<string, string> = {}
  if (filter.action !== null && filter.action !== undefined) {
    if (!(AUDIT_ACTIONS as readonly string[]).includes(filter.action)) {
      throw apiError('BAD_USER_INPUT', `action must be one of ${AUDIT_ACTIONS.join(', ')}`)
    }
    clauses.push('action = {action:String}')
    params.action = filter.action
  }
  if (filter.actor !== null && filter.actor !== undefined) {
    if (filter.actor === '' || filter.actor.length > MAX_ACTOR_LENGTH) {
      throw apiError('BAD_USER_INPUT', `actor must be 1–${MAX_ACTOR_LENGTH} characters`)
    }
    clauses.push('actor = {actor:String}')
    params.actor = filter.actor
  }
  return { sql: clauses.length === 0 ? '1' : clauses.join(' AND '), params }
}
