'use client'

import { useActionState, useState } from 'react'
import { useHydrated } from '../../../components/use-hydrated'
import { type ActionState, IDLE } from '../action-state'
import styles from '../settings.module.css'
import { FormMessage } from './form-message'

/**
 * A one-button form for an irreversible change (revoke, remove): the first click asks, the
 * second submits, so a stray click or Enter never revokes a key that servers still use.
 */
export function ConfirmForm({
  action,
  fields,
  label,
  confirmLabel,
  pendingLabel,
  subject,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>
  /** Hidden fields: which thing, of which project. */
  fields: Record<string, string>
  label: string
  confirmLabel: string
  pendingLabel: string
  /** What the buttons act on, for screen readers (`Revoke “ci”`). */
  subject: string
}) {
  const [state, run, pending] = useActionState(action, IDLE)
  const [armed, setArmed] = useState(false)
  const hydrated = useHydrated()
  return (
    <form action={run} className={styles.inline} onSubmit={() => setArmed(false)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {pending ? (
        <button type="button" disabled className={styles.danger}>
          {pendingLabel}
        </button>
      ) : armed ? (
        <>
          <button type="submit" className={styles.danger} aria-label={`${confirmLabel}: ${subject}`}>
            {confirmLabel}
          </button>
          <button type="button" className="link-button" onClick={() => setArmed(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          className={styles.secondary}
          aria-label={`${label} ${subject}`}
          disabled={!hydrated}
          onClick={() => setArmed(true)}
        >
          {label}
        </button>
      )}
      {state.status === 'error' && <FormMessage state={state} />}
    </form>
  )
}
