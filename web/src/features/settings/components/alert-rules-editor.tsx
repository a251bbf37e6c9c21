'use client'

import { useState } from 'react'
import { EmptyState } from '../../../components/empty-state'
import { useHydrated } from '../../../components/use-hydrated'
import { deleteAlertRule } from '../actions'
import type { ListedAlertRule } from '../alert-rules'
import styles from '../settings.module.css'
import { AlertRuleForm } from './alert-rule-form'
import { AlertRulesTable } from './alert-rules-table'
import { ConfirmForm } from './confirm-form'
import { EnableToggle } from './enable-toggle'

/** Which rule the form holds: a new one, a listed one, or none (the form is closed). */
type Editing = { rule: ListedAlertRule | null } | null

/**
 * The admins' alert rules: the list with edit, enable/disable and delete on each row, and one
 * form below it for a new rule or the rule being edited. The list comes from the server and
 * is refreshed by every change (the actions revalidate the page).
 */
export function AlertRulesEditor({ projectId, rules }: { projectId: string; rules: ListedAlertRule[] }) {
  const [editing, setEditing] = useState<Editing>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const hydrated = useHydrated()
  const open = (rule: ListedAlertRule | null) => {
    setSaved(null)
    setEditing({ rule })
  }
  return (
    <>
      {rules.length === 0 ? (
        <EmptyState title="No alert rules">
          <p>No rule watches denial spikes or misuse yet. Add one with “New alert rule”.</p>
        </EmptyState>
      ) : (
        <AlertRulesTable
          rules={rules}
          controls={(rule) => (
            <div className={styles.rowControls}>
              <button
                type="button"
                className={styles.secondary}
                aria-label={`Edit ${rule.name}`}
                disabled={!hydrated}
                onClick={() => open(rule)}
              >
                Edit
              </button>
              <EnableToggle projectId={projectId} rule={rule} />
              <ConfirmForm
                action={deleteAlertRule}
                fields={{ projectId, id: rule.id }}
                label="Delete"
                confirmLabel="Yes, delete"
                pendingLabel="Deleting…"
                subject={rule.name}
              />
            </div>
          )}
        />
      )}
      <p role="status" className="small">
        {saved}
      </p>
      {editing === null ? (
        <button type="button" disabled={!hydrated} onClick={() => open(null)}>
          New alert rule
        </button>
      ) : (
        <AlertRuleForm
          // A fresh form (fresh fields) for each rule opened.
          key={editing.rule?.id ?? 'new'}
          projectId={projectId}
          rule={editing.rule}
          onSaved={(message) => {
            setEditing(null)
            setSaved(message)
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  )
}
