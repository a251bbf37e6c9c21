import { EmptyState } from '../../../components/empty-state'
import { loadAlertRules } from '../settings-data'
import { AlertRulesEditor } from './alert-rules-editor'
import { AlertRulesTable } from './alert-rules-table'

/**
 * The project's alert rules. Admins create, edit, switch and delete them here; other members
 * read the list only (the api refuses their changes too, so they are not offered).
 */
export async function AlertRulesPanel({ projectId, admin }: { projectId: string; admin: boolean }) {
  const rules = await loadAlertRules(projectId)
  if (admin) return <AlertRulesEditor projectId={projectId} rules={rules} />
  if (rules.length === 0) {
    return (
      <EmptyState title="No alert rules">
        <p>Nobody is told about denial spikes or misuse yet. The project’s admins can add rules here.</p>
      </EmptyState>
    )
  }
  return <AlertRulesTable rules={rules} />
}
