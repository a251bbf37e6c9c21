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
  return (
    <>
      <p className="form-notice small">
        This version stores and checks alert rules but does not evaluate them or deliver alerts yet.
      </p>
      <AlertRulesList projectId={projectId} admin={admin} rules={rules} />
    </>
  )
}

function AlertRulesList({
  projectId,
  admin,
  rules,
}: {
  projectId: string
  admin: boolean
  rules: Awaited<ReturnType<typeof loadAlertRules>>
}) {
  if (admin) return <AlertRulesEditor projectId={projectId} rules={rules} />
  if (rules.length === 0) {
    return (
      <EmptyState title="No alert rules">
        <p>No rule watches denial spikes or misuse. The project’s admins can add rules here.</p>
      </EmptyState>
    )
  }
  return <AlertRulesTable rules={rules} />
}
