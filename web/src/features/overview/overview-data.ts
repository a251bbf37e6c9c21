import 'server-only'
import { OverviewDenialsDocument, OverviewDocument } from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import type { PageWindow } from '../../lib/page-window'

/** The Overview's tiles and series for a window and its previous period, and its busiest tools. */
export function loadOverview(projectId: string, window: PageWindow) {
  return gql(OverviewDocument, {
    projectId,
    from: window.from,
    to: window.to,
    prevFrom: window.previous.from,
    prevTo: window.previous.to,
  })
}

/** The window's most denied users and denial spikes, and whether any alert rule watches them. */
export function loadOverviewDenials(projectId: string, window: PageWindow) {
  return gql(OverviewDenialsDocument, { projectId, from: window.from, to: window.to })
}
