import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { parseCursor } from '../../../lib/cursor'
import { pageWindow } from '../../../lib/page-window'
import { parseSessionFilter } from '../session-filter'
import { SessionFilters } from './session-filters'
import { SessionsTable } from './sessions-table'

/** `/[project]/sessions`: sessions with calls in the range, filtered on their calls. */
export function SessionsPage({
  projectId,
  searchParams,
}: {
  projectId: string
  searchParams: Record<string, string | string[] | undefined>
}) {
  const window = pageWindow(searchParams)
  const { filter, active, problems } = parseSessionFilter(searchParams)
  const after = parseCursor(searchParams)
  return (
    <>
      <h1>Sessions</h1>
      <SessionFilters projectId={projectId} filter={filter} searchParams={searchParams} />
      {problems.length > 0 && (
        <p role="status" className="form-notice">
          Ignored: {problems.join('; ')}.
        </p>
      )}
      <Suspense
        key={`${window.key}-${JSON.stringify(filter)}-${after ?? ''}`}
        fallback={<LoadingBlock label="Loading sessions" rows={8} />}
      >
        <SessionsTable
          projectId={projectId}
          window={window}
          filter={filter}
          filtered={active > 0}
          after={after}
          searchParams={searchParams}
        />
      </Suspense>
    </>
  )
}
