import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { pageWindow } from '../../../lib/page-window'
import { parseToolsState } from '../tools-url'
import { ToolsTable } from './tools-table'

/** `/[project]/tools`: every tool called in the range with its figures and misuse signals. */
export function ToolsPage({
  projectId,
  searchParams,
}: {
  projectId: string
  searchParams: Record<string, string | string[] | undefined>
}) {
  const window = pageWindow(searchParams)
  const state = parseToolsState(searchParams)
  return (
    <>
      <h1>Tools</h1>
      <Suspense
        key={`${window.key}-${state.after ?? ''}`}
        fallback={<LoadingBlock label="Loading tools" rows={8} />}
      >
        <ToolsTable projectId={projectId} window={window} state={state} range={searchParams} />
      </Suspense>
    </>
  )
}
