import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { TraceWaterfall } from './trace-waterfall'

/** `/[project]/traces/[trace]`: a trace's spans as a waterfall. */
export function TracePage({ projectId, traceId }: { projectId: string; traceId: string }) {
  return (
    <>
      <h1>
        Trace <code>{traceId}</code>
      </h1>
      <Suspense fallback={<LoadingBlock label="Loading the trace" rows={6} />}>
        <TraceWaterfall projectId={projectId} traceId={traceId} />
      </Suspense>
    </>
  )
}
