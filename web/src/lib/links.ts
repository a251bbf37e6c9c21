/**
 * Every in-app link the features build, in one place, so a route can move without a hunt.
 * `range` is the current page's search params; only the time range is carried over.
 */
type Params = URLSearchParams | Record<string, string | string[] | undefined>

const RANGE_KEYS = ['range', 'from', 'to'] as const

function withQuery(path: string, range: Params | undefined, extra: Record<string, string | undefined> = {}) {
  const query = new URLSearchParams()
  if (range !== undefined) {
    for (const key of RANGE_KEYS) {
      const raw = range instanceof URLSearchParams ? range.get(key) : range[key]
      const value = Array.isArray(raw) ? raw[0] : raw
      if (value != null) query.set(key, value)
    }
  }
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
