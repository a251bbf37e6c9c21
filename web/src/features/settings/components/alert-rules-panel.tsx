import { EmptyState } from '../../../components/empty-state'
import { formatTimestamp } from '../../../lib/format'
import { describeParams, KIND_LABELS } from '../alert-rules'
import { loadAlertRules } from '../settings-data'

/** The project's alert rules, read-only: what each watches, its thresholds, where it delivers. */
export async function AlertRulesPanel({ projectId }: { projectId: string }) {
  const rules = await loadAlertRules(projectId)
  if (rules.length === 0) {
    return (
      <EmptyState title="No alert rules">
        <p>
          Nobody is told about denial spikes or misuse yet. Rules are created through the api’s{' '}
          <code>createAlertRule</code> mutation (admins).
        </p>
      </EmptyState>
    )
  }
  return (
    <table className="table" aria-label="Alert rules">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Settings</th>
          <th scope="col">Destinations</th>
          <th scope="col">State</th>
          <th scope="col">Created by</th>
          <th scope="col">Changed (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id}>
            <td>{rule.name}</td>
            <td>{KIND_LABELS[rule.kind] ?? rule.kind}</td>
            <td>{describeParams(rule.params) || <span className="muted">none</span>}</td>
            <td>
              {rule.destinations.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <ul className="plain-list">
                  {rule.destinations.map((d) => (
                    <li key={`${d.kind}-${d.url}`}>
                      <span className="badge">{d.kind.toLowerCase()}</span> <code>{d.url}</code>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              {rule.enabled ? (
                <span className="badge good">enabled</span>
              ) : (
                <span className="badge">disabled</span>
              )}
            </td>
            <td>{rule.createdBy}</td>
            <td>{formatTimestamp(rule.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
