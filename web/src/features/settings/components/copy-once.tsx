'use client'

import { useRef, useState } from 'react'
import type { CreatedSecret } from '../action-state'
import styles from '../settings.module.css'

/** One copyable text of a {@link CopyOnce} panel. */
export interface CopyItem {
  label: string
  text: string
}

/**
 * A secret right after its creation, shown once with copy buttons. It lives only in the
 * creating form's state: a reload or another page forgets it, and the api keeps only a hash.
 */
export function CopyOnce({
  created,
  what,
  items,
  onDone,
}: {
  created: CreatedSecret
  /** `API token`, `ingest key`: as it reads mid-sentence. */
  what: string
  /** The secret, and texts holding it (a snippet). */
  items: CopyItem[]
  onDone: () => void
}) {
  return (
    <section className={styles.secret} aria-label={`New ${what}`}>
      <h3>
        New {what} “{created.name}” <span className="muted small">({created.prefix}…)</span>
      </h3>
      <p className={styles.warning}>
        Copy it now: it will not be shown again. Tollgate keeps only a hash of it.
      </p>
      {items.map((item) => (
        <CopyBlock key={item.label} item={item} />
      ))}
      <button type="button" className={`${styles.secondary} ${styles.start}`} onClick={onDone}>
        Done, hide it
      </button>
    </section>
  )
}

function CopyBlock({ item }: { item: CopyItem }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no')
  const text = useRef<HTMLPreElement>(null)
  async function copy() {
    try {
      await navigator.clipboard.writeText(item.text)
      setCopied('yes')
    } catch {
      // No clipboard here (insecure origin, permission denied): select it for Ctrl+C instead.
      if (text.current !== null) window.getSelection()?.selectAllChildren(text.current)
      setCopied('failed')
    }
  }
  return (
    <div className={styles.copyBlock}>
      <div className={styles.actions}>
        <strong>{item.label}</strong>
        <button type="button" onClick={copy} aria-label={`Copy ${item.label}`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <span role="status" className="muted small">
          {copied === 'yes' && 'Copied to the clipboard.'}
          {copied === 'failed' && 'Copying is blocked here: the text is selected, press Ctrl+C.'}
        </span>
      </div>
      <pre className="snippet" ref={text}>
        {item.text}
      </pre>
    </div>
  )
}
