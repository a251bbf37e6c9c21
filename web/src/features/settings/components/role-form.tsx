'use client'

import { useActionState } from 'react'
import { useHydrated } from '../../../components/use-hydrated'
import { IDLE } from '../action-state'
import { setMemberRole } from '../actions'
import styles from '../settings.module.css'
import { ROLES, type RoleName } from '../validation'
import { FormMessage } from './form-message'

/** A member's role with a button to change it; the api's refusal (last admin) shows below. */
export function RoleForm({
  projectId,
  username,
  role,
}: {
  projectId: string
  username: string
  role: RoleName
}) {
  const [state, run, pending] = useActionState(setMemberRole, IDLE)
  const hydrated = useHydrated()
  return (
    <form action={run} className={styles.inline}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="username" value={username} />
      {/* key: a changed role from the server resets the picker to it */}
      <select key={role} name="role" defaultValue={role} aria-label={`Role of ${username}`}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r.toLowerCase()}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className={styles.secondary}
        disabled={pending || !hydrated}
        aria-label={`Change role of ${username}`}
      >
        {pending ? 'Saving…' : 'Change role'}
      </button>
      {state.status === 'error' && <FormMessage state={state} />}
    </form>
  )
}
