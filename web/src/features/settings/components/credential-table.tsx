import { EmptyState } from '../../../components/empty-state'
import { formatTimestamp } from '../../../lib/format'
import type { ActionState } from '../action-state'
import { ConfirmForm } from './confirm-form'

/** An API token or ingest key as lists show it: never the secret, only its prefix. */
export interface Credential {
  id: string
  name: string
  prefix: string
  createdAt: string
  revokedAt: string | null
}

/**
 * API tokens or ingest keys: name, prefix, when created, and whether they still work, with
 * a revoke button on those that do. Working ones first, then the newest.
 */
export function CredentialTable({
  label,
  items,
  revoke,
  fields,
  empty,
}: {
  label: string
  items: Credential[]
  revoke: (state: ActionState, form: FormData) => Promise<ActionState>
  /** Hidden fields every revoke sends besides the id (the project of an ingest key). */
  fields: Record<string, string>
  empty: string
}) {
  if (items.length === 0) return <EmptyState title={`No ${label.toLowerCase()} yet`}>{empty}</EmptyState>
  const sorted = [...items].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt),
  )
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Prefix</th>
          <th scope="col">Created (UTC)</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Revoke</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => (
          <tr key={c.id} data-id={c.id}>
            <td>{c.name}</td>
            <td>
              <code>{c.prefix}…</code>
            </td>
            <td>{formatTimestamp(c.createdAt)}</td>
            <td>
              {c.revokedAt === null ? (
                <span className="badge good">active</span>
              ) : (
                <span className="badge bad">revoked {formatTimestamp(c.revokedAt)}</span>
              )}
            </td>
            <td>
              {c.revokedAt === null && (
                <ConfirmForm
                  action={revoke}
                  fields={{ ...fields, id: c.id }}
                  label="Revoke"
                  confirmLabel="Yes, revoke"
                  pendingLabel="Revoking…"
                  subject={c.name}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
