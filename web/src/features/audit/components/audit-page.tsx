import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { pageWindow } from '../../../lib/page-window'
import { parseAuditState } from '../audit-url'
import { AuditContent } from './audit-content'

/** `/[project]/audit`: who read payloads and who changed what, for the admins of a project. */
export function AuditPage({
  projectId,
  searchParams,
}: {
  projectId: string
  searchParams: Record<string, string | string[] | undefined>
}) {
  const window = pageWindow(searchParams)
  const state = parseAuditState(searchParams)
  return (
    <>
      <h1>Audit log</h1>
      <Suspense
        key={`${window.key}-${state.action}-${state.actor}-${state.after}`}
        fallback={<LoadingBlock label="Loading the audit log" rows={6} />}
      >
        <AuditContent projectId={projectId} window={window} state={state} range={searchParams} />
      </Suspense>
    </>
  )
}
