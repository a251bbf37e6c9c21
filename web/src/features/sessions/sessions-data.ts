import 'server-only'
import { SessionDocument, type SessionFilter, SessionsDocument, TraceDocument } from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import type { PageWindow } from '../../lib/page-window'

/** Sessions per list page. */
export const SESSIONS_PAGE_SIZE = 50
/** Steps per session page: the api's most. */
export const STEPS_PAGE_SIZE = 100

/** One page of sessions with calls in the window that match the filter. */
export async function loadSessions(
  projectId: string,
  window: PageWindow,
  filter: SessionFilter,
  after?: string,
) {
  const { sessions } = await gql(SessionsDocument, {
    projectId,
    from: window.from,
    to: window.to,
    first: SESSIONS_PAGE_SIZE,
    after: after ?? null,
    filter,
  })
  return sessions
}

/** One page of a session's steps; null when the session is unknown. */
export async function loadSession(projectId: string, sessionId: string, after?: string) {
  const { session } = await gql(SessionDocument, {
    projectId,
    sessionId,
    first: STEPS_PAGE_SIZE,
    after: after ?? null,
  })
  return session
}

/** A trace's span tree; null when unknown. */
export async function loadTrace(projectId: string, traceId: string) {
  const { trace } = await gql(TraceDocument, { projectId, traceId })
  return trace
}
