import Link from 'next/link'
import type { ReactNode } from 'react'
import { withCursor } from '../lib/cursor'

/**
 * A cursor-paged list's links: back to the first page when on a later one, on to the next
 * when the api returned a cursor. The api pages forward only, so there is no "previous".
 * `href` is the list's first page (its filters and range); the links only change `after`.
 * `children` adds a note after the links (page size, order).
 */
export function Pager({
  href,
  after,
  next,
  firstLabel = 'First page',
  nextLabel = 'Next page',
  label = 'Pages',
  className = 'pager',
  children,
}: {
  href: string
  /** The cursor of the page shown; absent (or null) on the first page. */
  after: string | null | undefined
  /** The api's `nextCursor`; null on the last page. */
  next: string | null
  firstLabel?: string
  nextLabel?: string
  label?: string
  className?: string | undefined
  children?: ReactNode
}) {
  return (
    <nav className={className} aria-label={label}>
      {after != null && <Link href={withCursor(href, null)}>{firstLabel}</Link>}
      {next !== null && (
        <Link href={withCursor(href, next)} rel="next">
          {nextLabel}
        </Link>
      )}
      {children}
    </nav>
  )
}
