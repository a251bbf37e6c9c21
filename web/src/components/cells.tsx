import type { ReactNode } from 'react'

/**
 * A recorded value, or a muted placeholder where the call carried none. An empty string from
 * the api means "not on the call"; a blank cell would read as a rendering fault. `children`
 * replaces the plain value (a link to it, a badge).
 */
export function OrNone({
  value,
  none = '—',
  children,
}: {
  value: string
  none?: string
  children?: ReactNode
}) {
  return value === '' ? <span className="muted">{none}</span> : (children ?? value)
}

/** Several values of one cell (users, agents, scopes) comma-separated, or a muted placeholder. */
export function ValueList({
  values,
  none = '—',
  className,
}: {
  values: readonly string[]
  none?: string
  className?: string
}) {
  if (values.length === 0) return <span className="muted">{none}</span>
  const text = values.join(', ')
  return className === undefined ? text : <span className={className}>{text}</span>
}
