'use client'

import { useActionState } from 'react'
import { useHydrated } from '../../../components/use-hydrated'
import { IDLE } from '../action-state'
import { setAlertRuleEnabled } from '../actions'
import type { ListedAlertRule } from '../alert-rules'
import styles from '../settings.module.css'
import { FormMessage } from './form-message'

/** Switches a rule on or off; everything else about it stays as it is. */
export function EnableToggle({ projectId, rule }: { projectId: string; rule: ListedAlertRule }) {
  const [state, run, pending] = useActionState(setAlertRuleEnabled, IDLE)
  const hydrated = useHydrated()
  const verb = rule.enabled ? 'Disable' : 'Enable'
  return (
    <form action={run} className={styles.inline}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="id" value={rule.id} />
      <input type="hidden" name="enabled" value={String(!rule.enabled)} />
      <button
        type="submit"
        className={styles.secondary}
        disabled={pending || !hydrated}
        aria-label={`${verb} ${rule.name}`}
      >
        {pending ? 'Saving…' : verb}
      </button>
      {state.status === 'error' && <FormMessage state={state} />}
    </form>
  )
}
