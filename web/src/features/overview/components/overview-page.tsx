import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { pageWindow } from '../../../lib/page-window'
import { OverviewContent } from './overview-content'
import { OverviewDenials } from './overview-denials'

/** `/[project]/overview`: headline figures of the range against the period before it. */
export function OverviewPage({
  projectId,
  searchParams,
}: {
  projectId: string
  searchParams: Record<string, string | string[] | undefined>
}) {
  const window = pageWindow(searchParams)
  return (
    <>
      <h1>Overview</h1>
      <Suspense
        key={window.key}
        fallback={<LoadingBlock label="Loading the overview" rows={4} height={48} />}
      >
        <OverviewContent projectId={projectId} window={window} range={searchParams} />
      </Suspense>
      <Suspense key={`denials-${window.key}`} fallback={<LoadingBlock label="Loading denials" rows={3} />}>
        <OverviewDenials projectId={projectId} window={window} range={searchParams} />
      </Suspense>
    </>
  )
}
