import { rangeEntries, type SearchParamsLike } from './search-params'

/**
 * Every in-app link the features build, in one place, so a route can move without a hunt.
 * `range` is the current page's search params; only the time range is carried over.
 */
type Params = SearchParamsLike

function withQuery(path: string, range: Params | undefined, extra: Record<string, string | undefined> = {}) {
  const query = new URLSearchParams(range === undefined ? [] : rangeEntries(range))
  for (const [key, value] of Object.entries(extra))
    if (value !== undefined && value !== '') query.set(key, value)
  const text = query.toString()
  return text === '' ? path : `${path}?${text}`
}

const seg = encodeURIComponent

export const links = {
  section: (projectId: string, section: string, range?: Params) =>
    withQuery(`/${seg(projectId)}/${section}`, range),
  /** The Tools list; `view` is its own URL state (sort, dir, after), see features/tools/tools-url.ts. */
  tools: (projectId: string, view: Record<string, string | undefined>, range?: Params) =>
    withQuery(`/${seg(projectId)}/tools`, range, view),
  /** The Principals list; `view` is its own URL state (kind, after), see features/principals/principals-url.ts. */
  principals: (projectId: string, view: Record<string, string | undefined>, range?: Params) =>
    withQuery(`/${seg(projectId)}/principals`, range, view),
  tool: (projectId: string, serverName: string, tool: string, range?: Params) =>
    withQuery(`/${seg(projectId)}/tools/${seg(tool)}`, range, { server: serverName }),
  sessions: (projectId: string, filter: Record<string, string | undefined>, range?: Params) =>
    withQuery(`/${seg(projectId)}/sessions`, range, filter),
  /** A user's denied sessions: where a "most denied" row leads. */
  deniedSessions: (projectId: string, user: string, range?: Params) =>
    withQuery(`/${seg(projectId)}/sessions`, range, { user, outcome: 'DENIED' }),
  session: (projectId: string, sessionId: string, range?: Params, step?: string) =>
    withQuery(`/${seg(projectId)}/sessions/${seg(sessionId)}`, range) + (step ? `#step-${step}` : ''),
  trace: (projectId: string, traceId: string, range?: Params) =>
    withQuery(`/${seg(projectId)}/traces/${seg(traceId)}`, range),
  provenance: (projectId: string, uri: string, range?: Params) =>
    withQuery(`/${seg(projectId)}/provenance`, range, { uri }),
  /** The sources behind one call (a session step's "provenance"). */
  callSources: (projectId: string, traceId: string, spanId: string, range?: Params) =>
    withQuery(`/${seg(projectId)}/provenance`, range, { trace: traceId, span: spanId }),
  denials: (projectId: string, by: string | undefined, range?: Params) =>
    withQuery(`/${seg(projectId)}/denials`, range, { by }),
}
