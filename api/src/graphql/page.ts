import { apiError } from '../auth/viewer'

/** Largest page any list query returns. */
export const MAX_PAGE_SIZE = 100
const DEFAULT_PAGE_SIZE = 50

/** A validated page request: where to start and how many to return. */
export interface PageRequest {
  offset: number
  limit: number
}

/**
 * Reads `first` / `after` from a client. A cursor is opaque to the client (base64url of a
 * position); a forged or foreign one is refused, never trusted into SQL.
 */
export function pageRequest(first: number | undefined | null, after: string | undefined | null): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw apiError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}`)
  }
  if (after === undefined || after === null || after === '') return { offset: 0, limit }
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(after.slice(0, 64), 'base64url').toString('utf8'))
  if (match === null) throw apiError('BAD_USER_INPUT', 'after is not a cursor this query returned')
  return { offset: Number(match[1]), limit }
}

/** The cursor of the page after one that held `count` items, or null when there is none. */
export function nextCursor(page: PageRequest, count: number, hasMore: boolean): string | null {
  return hasMore ? Buffer.from(`o:${page.offset + count}`).toString('base64url') : null
}
