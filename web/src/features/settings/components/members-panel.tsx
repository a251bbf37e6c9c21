import { formatTimestamp } from '../../../lib/format'
import { removeMember } from '../actions'
import { loadMembers } from '../settings-data'
import { ConfirmForm } from './confirm-form'
import { RoleForm } from './role-form'

/** The project's members with their roles, each changeable or removable (admins only). */
export async function MembersPanel({ projectId, me }: { projectId: string; me: string }) {
  const members = await loadMembers(projectId)
  return (
    <table className="table" aria-label="Members">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Role</th>
          <th scope="col">Role since (UTC)</th>
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.userId} data-username={m.username}>
            <td>
              {m.username}
              {m.username === me && <span className="muted small"> (you)</span>}
            </td>
            <td>
              <RoleForm projectId={projectId} username={m.username} role={m.role} />
            </td>
            <td>{formatTimestamp(m.since)}</td>
            <td>
              <ConfirmForm
                action={removeMember}
                fields={{ projectId, username: m.username }}
                label="Remove"
                confirmLabel="Yes, remove"
                pendingLabel="Removing…"
                subject={m.username}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
