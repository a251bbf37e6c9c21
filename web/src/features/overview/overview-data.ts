import 'server-only'
import { OverviewDocument, OverviewSpikesDocument } from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import type { PageWindow } from '../../lib/page-window'

/** The Overview's tiles, series and top lists for a window and its previous period. */
export function loadOverview(projectId: string, window: PageWindow) {
  return gql(OverviewDocument, {
    projectId,
    from: window.from,
    to: window.to,
    prevFrom: window.previous.from,
    prevTo: window.previous.to,
  })
}

/** The window's denial spikes and the project's alert rules. */
export function loadOverviewSpikes(projectId: string, window: PageWindow) {
  return gql(OverviewSpikesDocument, { projectId, from: window.from, to: window.to })
}
