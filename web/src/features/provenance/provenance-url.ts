import { parseCursor } from '../../lib/cursor'
import { firstParam, type SearchParamsLike } from '../../lib/search-params'

/** Longest URI the api looks up (its `MAX_URI_LENGTH`). */
export const MAX_URI_LENGTH = 2048

const TRACE_ID = /^[0-9a-f]{32}$/
const SPAN_ID = /^[0-9a-f]{16}$/

/** What the Provenance page is asked, read from its URL. */
export type ProvenanceQuery =
  /** Nothing asked yet: the page explains provenance and offers the search. */
  | { kind: 'none'; problem: string | null }
  /** `?uri=…[&after=…]`: every call that read this URI, a page at a time. */
  | { kind: 'uri'; uri: string; after: string | null }
  /** `?trace=…&span=…`: the sources of one call. */
  | { kind: 'call'; traceId: string; spanId: string }

/**
 * The page's question. A call (`trace` + `span`) wins over a URI; malformed ids or an overlong
 * URI give `none` with the reason, so a mangled link still opens the page and says why.
 */
export function parseProvenanceQuery(params: SearchParamsLike): ProvenanceQuery {
  const trace = firstParam(params, 'trace')
  const span = firstParam(params, 'span')
  if (trace !== undefined || span !== undefined) {
    const traceId = (trace ?? '').trim().toLowerCase()
    const spanId = (span ?? '').trim().toLowerCase()
    if (TRACE_ID.test(traceId) && SPAN_ID.test(spanId)) return { kind: 'call', traceId, spanId }
    return { kind: 'none', problem: 'A call is named by a 32-digit trace id and a 16-digit span id (hex).' }
  }
  const uri = (firstParam(params, 'uri') ?? '').trim()
  if (uri === '') return { kind: 'none', problem: null }
  if (uri.length > MAX_URI_LENGTH) {
    return { kind: 'none', problem: `A URI can be at most ${MAX_URI_LENGTH} characters long.` }
  }
  return { kind: 'uri', uri, after: parseCursor(params) ?? null }
}
