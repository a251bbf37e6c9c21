'use client'

import { useEffect } from 'react'

/**
 * A segment's error boundary: a generic message and a retry, never the raw error (it may
 * carry internals). The digest lets an operator find the server log line.
 */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error('tollgate web: a view failed', error.digest ?? '')
  }, [error])
  return (
    <div className="card error-panel" role="alert">
      <h2>This view could not be loaded</h2>
      <p>The Tollgate api did not answer as expected. It may be restarting or overloaded.</p>
      {error.digest && <p className="muted small">Reference: {error.digest}</p>}
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  )
}
