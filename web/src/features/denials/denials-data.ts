import 'server-only'
import { type DenialDimension, DenialsDocument } from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import type { PageWindow } from '../../lib/page-window'

/** Groups the breakdown table shows. */
export const BREAKDOWN_ROWS = 20

/** Totals, series with spikes and one breakdown for a window, plus the previous period's totals. */
export function loadDenials(projectId: string, window: PageWindow, by: DenialDimension) {
  return gql(DenialsDocument, {
    projectId,
    from: window.from,
    to: window.to,
    prevFrom: window.previous.from,
    prevTo: window.previous.to,
    by,
    top: BREAKDOWN_ROWS,
  })
}
