'use client'

import { useState } from 'react'
import type { AlertDestinationInput, AlertDestinationKind } from '../../../graphql/generated'
import { DESTINATION_KINDS, MAX_DESTINATIONS, MAX_URL_LENGTH } from '../alert-rule-form'
import styles from '../settings.module.css'

/** A destination row with a key that survives removing the rows before it. */
interface Row extends AlertDestinationInput {
  key: number
}

/**
 * Where a rule delivers: one row per webhook or Slack URL, added and removed here, at most
 * {@link MAX_DESTINATIONS}. Submitted as repeated `destinationKind` / `destinationUrl` fields.
 */
export function DestinationRows({ initial }: { initial: AlertDestinationInput[] }) {
  const [rows, setRows] = useState<Row[]>(() => initial.map((d, key) => ({ ...d, key })))
  const [nextKey, setNextKey] = useState(initial.length)
  const change = (key: number, patch: Partial<AlertDestinationInput>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)))
  function add() {
    setRows((all) => [...all, { key: nextKey, kind: 'WEBHOOK', url: '' }])
    setNextKey((k) => k + 1)
  }
  return (
    <fieldset className={styles.fieldset}>
      <legend>Destinations</legend>
      {rows.length === 0 && <p className="muted small">None: the rule fires without telling anyone.</p>}
      {rows.map((row, i) => (
        <div key={row.key} className={styles.inline}>
          <select
            name="destinationKind"
            aria-label={`Destination ${i + 1} kind`}
            value={row.kind}
            onChange={(e) => change(row.key, { kind: e.target.value as AlertDestinationKind })}
          >
            {DESTINATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind === 'SLACK' ? 'Slack' : 'Webhook'}
              </option>
            ))}
          </select>
          <input
            name="destinationUrl"
            type="url"
            className={styles.url}
            aria-label={`Destination ${i + 1} URL`}
            maxLength={MAX_URL_LENGTH}
            autoComplete="off"
            placeholder={row.kind === 'SLACK' ? 'https://hooks.slack.com/services/…' : 'https://…'}
            value={row.url}
            onChange={(e) => change(row.key, { url: e.target.value })}
          />
          <button
            type="button"
            className="link-button"
            aria-label={`Remove destination ${i + 1}`}
            onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
          >
            Remove
          </button>
        </div>
      ))}
      <div className={styles.actions}>
        <button
          type="button"
          className={styles.secondary}
          onClick={add}
          disabled={rows.length >= MAX_DESTINATIONS}
        >
          Add destination
        </button>
        <span className="muted small">
          {rows.length} of at most {MAX_DESTINATIONS}. Slack URLs start with https://hooks.slack.com/.
        </span>
      </div>
    </fieldset>
  )
}
