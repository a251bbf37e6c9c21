import type { ReactNode } from 'react'

/** Nothing in the range: says so, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <h2>{title}</h2>
      {children}
    </div>
  )
}

/** For a project with no calls yet: how to get the first ones in. */
export function InstrumentHint() {
  return (
    <>
      <p>Tollgate records every MCP call of an instrumented server. Start a server with the SDK:</p>
      <pre className="snippet">
        {
          'TOLLGATE_ENDPOINT=http://127.0.0.1:4318 TOLLGATE_API_KEY=<ingest key> \\\n  node --import @tollgate/sdk/register server.js'
        }
      </pre>
      <p className="muted small">
        Ingest keys are in Settings. A wider time range may also show older calls.
      </p>
    </>
  )
}

/** A project-wide page (Overview, Denials) over a range without a single call. */
export function NoCallsState() {
  return (
    <EmptyState title="No MCP calls in this time range">
      <InstrumentHint />
    </EmptyState>
  )
}
