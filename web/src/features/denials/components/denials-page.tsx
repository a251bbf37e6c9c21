import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { pageWindow } from '../../../lib/page-window'
import { parseDimension } from '../denials-url'
import { DenialsContent } from './denials-content'

/** `/[project]/denials`: how often calls are refused, when it spiked, and who or what is refused. */
export function DenialsPage({
  projectId,
  searchParams,
}: {
  projectId: string
  searchParams: Record<string, string | string[] | undefined>
}) {
  const window = pageWindow(searchParams)
  const by = parseDimension(searchParams)
  return (
    <>
      <h1>Denials</h1>
      <Suspense
        key={`${window.key}-${by}`}
        fallback={<LoadingBlock label="Loading denials" rows={4} height={48} />}
      >
        <DenialsContent projectId={projectId} window={window} by={by} range={searchParams} />
      </Suspense>
    </>
  )
}
