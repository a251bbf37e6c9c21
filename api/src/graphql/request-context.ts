import type { Viewer } from '../auth/viewer'

/** What every resolver receives in `@Context()`: the authenticated viewer, or null. */
export interface RequestContext {
  viewer: Viewer | null
}
