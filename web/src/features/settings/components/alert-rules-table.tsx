import type { ReactNode } from 'react'
import { formatTimestamp } from '../../../lib/format'
import { describeParams, KIND_LABELS, type ListedAlertRule } from '../alert-rules'

/**
 * The project's alert rules: what each watches, its thresholds, where it delivers. Admins get
 * a last column of `controls` (edit, enable/disable, delete); other members read only.
 */
export function AlertRulesTable({
  rules,
  controls,
}: {
  rules: readonly ListedAlertRule[]
  controls?: (rule: ListedAlertRule) => ReactNode
}) {
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
          {controls !== undefined && (
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id} data-id={rule.id}>
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
            {controls !== undefined && <td>{controls(rule)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
