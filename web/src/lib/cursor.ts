import { firstParam, type SearchParamsLike } from './search-params'

/**
 * The lists' page cursor in the URL (`?after=<cursor>`). Cursors are the api's opaque page
 * tokens (base64url, see api/src/graphql/page.ts): short and URL-safe. Anything else in `after`
 * is a mangled link, dropped so the list opens at its first page instead of failing.
 */
const CURSOR = /^[\w.~=-]{1,200}$/

/** The cursor of the page asked for, if it looks like one (the api checks it properly). */
export function parseCursor(params: SearchParamsLike): string | undefined {
  const after = firstParam(params, 'after')
  return after !== undefined && CURSOR.test(after) ? after : undefined
}

/**
 * `href` (a link to a list's first page) with the cursor `after` set, or removed when null:
 * the pager's "next" and "first" links. The rest of the query (range, filters, sort) is kept.
 */
export function withCursor(href: string, after: string | null): string {
  const mark = href.indexOf('?')
  const path = mark < 0 ? href : href.slice(0, mark)
  const query = new URLSearchParams(mark < 0 ? '' : href.slice(mark + 1))
  query.delete('after')
  if (after !== null) query.set('after', after)
  const text = query.toString()
  // A relative link (`?…`, see samePageHref) must keep its `?`: an empty href would not navigate.
  return text === '' && path !== '' ? path : `${path}?${text}`
}
