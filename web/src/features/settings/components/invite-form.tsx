'use client'

import { useActionState } from 'react'
import { useHydrated } from '../../../components/use-hydrated'
import { IDLE } from '../action-state'
import { inviteMember } from '../actions'
import styles from '../settings.module.css'
import { PASSWORD_MAX, PASSWORD_MIN, ROLE_HINTS, ROLES } from '../validation'
import { FormMessage } from './form-message'

/** Creates a user with a first password and a role in this project. */
export function InviteForm({ projectId }: { projectId: string }) {
  const [state, run, pending] = useActionState(inviteMember, IDLE)
  const hydrated = useHydrated()
  return (
    <form action={run} className={styles.createForm} aria-label="Invite a member">
      <input type="hidden" name="projectId" value={projectId} />
      <label>
        Username
        <input name="username" required maxLength={64} autoComplete="off" />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          autoComplete="new-password"
          aria-describedby="invite-password-hint"
        />
      </label>
      <label>
        Role
        <select name="role" defaultValue="VIEWER">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role.toLowerCase()} — {ROLE_HINTS[role]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending || !hydrated}>
        {pending ? 'Inviting…' : 'Invite'}
      </button>
      <p id="invite-password-hint" className={`muted small ${styles.fullRow}`}>
        At least {PASSWORD_MIN} characters. Hand it over privately; they sign in with it.
      </p>
      <div className={styles.fullRow}>
        <FormMessage state={state} />
      </div>
    </form>
  )
}
