import 'server-only'
import { PrincipalsDocument } from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import type { PageWindow } from '../../lib/page-window'
import type { PrincipalsState } from './principals-url'

/** Principals per page. */
export const PRINCIPALS_PAGE_SIZE = 50

/** One page of principals of the state's kind, most denied first (the api's order). */
export function loadPrincipals(projectId: string, window: PageWindow, state: PrincipalsState) {
  return gql(PrincipalsDocument, {
    projectId,
    from: window.from,
    to: window.to,
    kind: state.kind,
    first: PRINCIPALS_PAGE_SIZE,
    after: state.after,
  })
}
