import type { ReactNode } from 'react'
import { RangeFields } from '../../../components/range-fields'
import { AUDIT_ACTIONS, type AuditState, MAX_ACTOR_LENGTH } from '../audit-url'

type Range = Record<string, string | string[] | undefined>

/** Action and actor filters as a GET form: the filtered view is a shareable link. */
export function AuditFilters({
  projectId,
  state,
  range,
  children,
}: {
  projectId: string
  state: AuditState
  range: Range
  children?: ReactNode
}) {
  const known = (AUDIT_ACTIONS as readonly string[]).includes(state.action ?? '')
  return (
    <form className="card inline-form" action={`/${encodeURIComponent(projectId)}/audit`} method="get">
      <label>
        Action
        <select name="action" defaultValue={state.action ?? ''}>
          <option value="">Any action</option>
          {!known && state.action !== null && <option value={state.action}>{state.action}</option>}
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <label>
        Actor
        <input
          type="search"
          name="actor"
          defaultValue={state.actor ?? ''}
          maxLength={MAX_ACTOR_LENGTH}
          placeholder="username"
          spellCheck={false}
        />
      </label>
      <RangeFields range={range} />
      <button type="submit">Filter</button>
      {children}
    </form>
  )
}
