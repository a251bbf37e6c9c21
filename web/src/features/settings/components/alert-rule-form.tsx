'use client'

import { type FormEvent, useActionState, useEffect, useRef, useState, useTransition } from 'react'
import type { AlertRuleKind } from '../../../graphql/generated'
import { type ActionState, IDLE } from '../action-state'
import { saveAlertRule } from '../actions'
import {
  ALERT_RULE_KINDS,
  type AlertRuleDraft,
  draftOf,
  KIND_HINTS,
  KIND_PARAMS,
  type ParamName,
  paramHint,
  RULE_NAME_MAX,
} from '../alert-rule-form'
import { KIND_LABELS, type ListedAlertRule } from '../alert-rules'
import styles from '../settings.module.css'
import { DestinationRows } from './destination-rows'
import { FormMessage } from './form-message'

/**
 * Creates a rule, or edits `rule` (every field is sent: an update replaces the rule). Only the
 * chosen kind's settings show; an empty setting takes the api's default, which its hint names.
 *
 * NB: submitted through `onSubmit`, not `<form action>`: React resets a form after its action,
 * and a refused rule must keep what was typed so it can be corrected.
 */
export function AlertRuleForm({
  projectId,
  rule,
  onSaved,
  onCancel,
}: {
  projectId: string
  rule: ListedAlertRule | null
  onSaved: (message: string) => void
  onCancel: () => void
}) {
  const [draft, setDraft] = useState<AlertRuleDraft>(() => draftOf(rule))
  const [state, run, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    const next = await saveAlertRule(previous, form)
    if (next.status === 'ok') onSaved(next.ok)
    return next
  }, IDLE)
  const [, startTransition] = useTransition()
  const nameInput = useRef<HTMLInputElement>(null)
  useEffect(() => nameInput.current?.focus(), [])
  const title = rule === null ? 'New alert rule' : `Edit “${rule.name}”`

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    startTransition(() => run(form))
  }
  const setParam = (name: ParamName, value: string) =>
    setDraft((d) => ({ ...d, params: { ...d.params, [name]: value } }))

  return (
    <form onSubmit={submit} noValidate className={styles.ruleForm} aria-label={title}>
      <h3>{title}</h3>
      <input type="hidden" name="projectId" value={projectId} />
      {rule !== null && <input type="hidden" name="id" value={rule.id} />}
      <label>
        Name
        <input
          ref={nameInput}
          name="name"
          maxLength={RULE_NAME_MAX}
          autoComplete="off"
          placeholder="Denials spiking on payments"
          value={draft.name}
          onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
        />
      </label>
      <fieldset className={styles.fieldset}>
        <legend>Fires when</legend>
        {ALERT_RULE_KINDS.map((kind) => (
          <label key={kind} className={styles.choice}>
            <input
              type="radio"
              name="kind"
              value={kind}
              checked={draft.kind === kind}
              onChange={() => setDraft((d) => ({ ...d, kind: kind as AlertRuleKind }))}
            />
            <span>
              <strong>{KIND_LABELS[kind]}</strong> <span className="muted small">{KIND_HINTS[kind]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>Settings of a {KIND_LABELS[draft.kind]?.toLowerCase()} rule</legend>
        {KIND_PARAMS[draft.kind].length === 0 && <p className="muted small">This kind has no settings.</p>}
        {KIND_PARAMS[draft.kind].map((spec) => (
          <div key={spec.name} className={styles.param}>
            <label>
              {spec.label}
              <input
                name={spec.name}
                inputMode={spec.integer ? 'numeric' : 'decimal'}
                autoComplete="off"
                placeholder={spec.default === null ? '' : String(spec.default)}
                value={draft.params[spec.name]}
                onChange={(e) => setParam(spec.name, e.target.value)}
                aria-describedby={`rule-${spec.name}-hint`}
              />
            </label>
            <span id={`rule-${spec.name}-hint`} className="muted small">
              {paramHint(spec)}
            </span>
          </div>
        ))}
      </fieldset>
      <DestinationRows initial={draft.destinations} />
      <label className={styles.choice}>
        <input
          type="checkbox"
          name="enabled"
          checked={draft.enabled}
          onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))}
        />
        <span>Enabled: deliver alerts when it fires</span>
      </label>
      <div className={styles.actions}>
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : rule === null ? 'Create rule' : 'Save rule'}
        </button>
        <button type="button" className="link-button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  )
}
