'use client'

import { useActionState, useState } from 'react'
import { useHydrated } from '../../../components/use-hydrated'
import { type CreateState, IDLE } from '../action-state'
import styles from '../settings.module.css'
import { sdkSnippet } from '../snippet'
import { type CopyItem, CopyOnce } from './copy-once'
import { FormMessage } from './form-message'

/**
 * Names and creates an API token or an ingest key, then shows the new secret once. For an
 * ingest key (`otlpUrl` given) it also shows the two lines that start a server with the SDK.
 */
export function CreateSecretForm({
  action,
  what,
  projectId,
  maxLength,
  placeholder,
  otlpUrl,
}: {
  action: (state: CreateState, form: FormData) => Promise<CreateState>
  /** `API token`, `ingest key`: as it reads mid-sentence. */
  what: string
  projectId?: string
  maxLength: number
  placeholder: string
  otlpUrl?: string
}) {
  const [state, run, pending] = useActionState<CreateState, FormData>(action, IDLE)
  const hydrated = useHydrated()
  // The secret the user hid with "Done": compared by value, so the next creation shows again.
  const [hidden, setHidden] = useState<string | null>(null)
  const created = state.created !== undefined && state.created.secret !== hidden ? state.created : undefined
  const items: CopyItem[] = []
  if (created !== undefined) {
    items.push({ label: capitalised(what), text: created.secret })
    if (otlpUrl !== undefined) items.push({ label: 'SDK snippet', text: sdkSnippet(otlpUrl, created.secret) })
  }
  return (
    <>
      <form action={run} className={styles.createForm}>
        {projectId !== undefined && <input type="hidden" name="projectId" value={projectId} />}
        <label>
          Name
          <input name="name" required maxLength={maxLength} placeholder={placeholder} autoComplete="off" />
        </label>
        <button type="submit" disabled={pending || !hydrated}>
          {pending ? 'Creating…' : `Create ${what}`}
        </button>
      </form>
      {state.status === 'error' && <FormMessage state={state} />}
      {created !== undefined && (
        <CopyOnce created={created} what={what} items={items} onDone={() => setHidden(created.secret)} />
      )}
    </>
  )
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
