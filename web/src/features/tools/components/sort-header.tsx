'use client'

import { useRouter } from 'next/navigation'
import { useTransition } from 'react'
import { useHydrated } from '../../../components/use-hydrated'

/**
 * A sortable column header: a <button> in a <th> with `aria-sort`, so the table is keyboard
 * sortable and a screen reader hears the order. The sort lives in the URL: the button goes to
 * `href` (built on the server), and the page re-renders sorted.
 */
export function SortHeader(props: {
  label: string
  href: string
  ariaSort: 'ascending' | 'descending' | 'none'
  numeric?: boolean
}) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const hydrated = useHydrated()
  const arrow = props.ariaSort === 'ascending' ? ' ▲' : props.ariaSort === 'descending' ? ' ▼' : ''
  return (
    <th scope="col" aria-sort={props.ariaSort} className={props.numeric ? 'num' : undefined}>
      <button
        type="button"
        aria-busy={pending}
        disabled={!hydrated}
        onClick={() => startTransition(() => router.push(props.href, { scroll: false }))}
      >
        {props.label}
        <span aria-hidden="true">{arrow}</span>
      </button>
    </th>
  )
}
