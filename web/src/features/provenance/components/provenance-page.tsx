import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { pageWindow } from '../../../lib/page-window'
import { parseProvenanceQuery } from '../provenance-url'
import { CallSources } from './call-sources'
import { ProvenanceIntro } from './provenance-intro'
import { ProvenanceResults } from './provenance-results'
import { ProvenanceSearch } from './provenance-search'

type SearchParams = Record<string, string | string[] | undefined>

/**
 * `/[project]/provenance`: which calls read a record or document (`?uri=`), or which sources
 * one call read (`?trace=&span=`).
 */
export function ProvenancePage({
  projectId,
  searchParams,
}: {
  projectId: string
  searchParams: SearchParams
}) {
  const query = parseProvenanceQuery(searchParams)
  const window = pageWindow(searchParams)
  return (
    <>
      <h1>Provenance</h1>
      <ProvenanceSearch
        projectId={projectId}
        uri={query.kind === 'uri' ? query.uri : ''}
        range={searchParams}
        problem={query.kind === 'none' ? query.problem : null}
      />
      {query.kind === 'none' && <ProvenanceIntro />}
      {query.kind === 'uri' && (
        <Suspense
          key={`${window.key}-${query.uri}-${query.after ?? ''}`}
          fallback={<LoadingBlock label="Searching provenance" rows={6} />}
        >
          <ProvenanceResults projectId={projectId} window={window} query={query} range={searchParams} />
        </Suspense>
      )}
      {query.kind === 'call' && (
        <Suspense
          key={`${query.traceId}-${query.spanId}`}
          fallback={<LoadingBlock label="Loading the call’s sources" rows={4} />}
        >
          <CallSources projectId={projectId} query={query} range={searchParams} />
        </Suspense>
      )}
    </>
  )
}
