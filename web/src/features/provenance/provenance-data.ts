import 'server-only'
import { ProvenanceByUriDocument, ProvenanceOfCallDocument } from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import type { PageWindow } from '../../lib/page-window'

/** Records per page of a URI search. */
export const PAGE_SIZE = 50

/** One page of the calls that read `uri` in the window, newest first. */
export function loadProvenanceByUri(
  projectId: string,
  window: PageWindow,
  uri: string,
  after: string | null,
) {
  return gql(ProvenanceByUriDocument, {
    projectId,
    from: window.from,
    to: window.to,
    uri,
    first: PAGE_SIZE,
    after,
  })
}

/** Every source one call read. */
export function loadProvenanceOfCall(projectId: string, traceId: string, spanId: string) {
  return gql(ProvenanceOfCallDocument, { projectId, traceId, spanId })
}
