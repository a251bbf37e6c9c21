import { parseCursor } from '../../lib/cursor'
import { links } from '../../lib/links'
import { firstParam, type SearchParamsLike } from '../../lib/search-params'

/**
 * The actions the api records (a copy of `AUDIT_ACTIONS` in api/src/audit/audit-log.ts, which
 * the GraphQL schema types as a plain String; `audit-url.test.ts` fails when the two drift).
 */
export const AUDIT_ACTIONS = [
  'payload.read',
  'payload.search',
  'login.succeeded',
  'login.failed',
  'logout',
  'user.created',
  'member.set',
  'member.removed',
  'api_token.created',
  'api_token.revoked',
  'ingest_key.created',
  'ingest_key.revoked',
  'alert_rule.created',
  'alert_rule.updated',
  'alert_rule.deleted',
  'audit.exported',
] as const

/** Longest actor the api searches (its `MAX_ACTOR_LENGTH`). */
export const MAX_ACTOR_LENGTH = 256

const ACTION = /^[a-z_]+(\.[a-z_]+)*$/

/** The audit log's filters and page, as the URL says them. */
export interface AuditState {
  action: string | null
  actor: string | null
  after: string | null
}

/**
 * Reads `?action=&actor=&after=`. Blank means "any"; malformed values are dropped rather than
 * sent (an action the api does not know still goes through, so a new one can be filtered before
 * this copy learns it: the api then refuses it with its own message).
 */
export function parseAuditState(params: SearchParamsLike): AuditState {
  const action = firstParam(params, 'action')?.trim() ?? ''
  const actor = firstParam(params, 'actor')?.trim() ?? ''
  return {
    action: ACTION.test(action) && action.length <= 64 ? action : null,
    actor: actor !== '' && actor.length <= MAX_ACTOR_LENGTH ? actor : null,
    after: parseCursor(params) ?? null,
  }
}

/** The audit log with `state`, keeping the current time range. */
export function auditHref(projectId: string, range: SearchParamsLike, state: Partial<AuditState>): string {
  const base = links.section(projectId, 'audit', range)
  const extra = new URLSearchParams()
  if (state.action) extra.set('action', state.action)
  if (state.actor) extra.set('actor', state.actor)
  if (state.after) extra.set('after', state.after)
  const text = extra.toString()
  if (text === '') return base
  return `${base}${base.includes('?') ? '&' : '?'}${text}`
}

/** Formats the export route writes (the api's `EXPORT_FORMATS`). */
export type ExportFormat = 'csv' | 'jsonl'

/**
 * The download of the whole window (every page, not just the one on screen) through the web's
 * export route. The window goes as fixed bounds, so the file holds what the page showed even
 * when the range is a preset like "last 24 h".
 */
export function exportHref(
  projectId: string,
  window: { from: string; to: string },
  state: Pick<AuditState, 'action' | 'actor'>,
  format: ExportFormat,
): string {
  const query = new URLSearchParams({ from: window.from, to: window.to, format })
  if (state.action) query.set('action', state.action)
  if (state.actor) query.set('actor', state.actor)
  return `/${encodeURIComponent(projectId)}/audit/export?${query}`
}
