import Link from 'next/link'
import { EmptyState } from '../../../components/empty-state'
import { Pager } from '../../../components/pager'
import { formatCount } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { loadProvenanceByUri } from '../provenance-data'
import type { ProvenanceQuery } from '../provenance-url'
import styles from './provenance.module.css'
import { ProvenanceTable } from './provenance-table'

type Range = Record<string, string | string[] | undefined>

/** One page of the calls that read a URI, newest first, with a link to the next page. */
export async function ProvenanceResults({
  projectId,
  window,
  query,
  range,
}: {
  projectId: string
  window: PageWindow
  query: Extract<ProvenanceQuery, { kind: 'uri' }>
  range: Range
}) {
  const { provenanceByUri: page } = await loadProvenanceByUri(projectId, window, query.uri, query.after)
  const first = links.provenance(projectId, query.uri, range)
  if (page.items.length === 0) {
    return (
      <EmptyState title="No call read this URI in the time range">
        <p>
          Nothing was recorded for <code>{query.uri}</code>. URIs are matched exactly, as the server passed
          them to <code>provenance()</code>; for records without a URI, search the source name. A wider time
          range may also find older reads.
        </p>
        {query.after !== null && <Link href={first}>Back to the newest reads</Link>}
      </EmptyState>
    )
  }
  return (
    <section className="card" aria-labelledby="provenance-results">
      <h2 id="provenance-results">
        Calls that read <code>{query.uri}</code>
      </h2>
      <p className="muted small">
        {formatCount(page.items.length)} read{page.items.length === 1 ? '' : 's'} on this page, newest first.
        Each time opens the call as a step of its session.
      </p>
      <ProvenanceTable projectId={projectId} records={page.items} by="uri" range={range} />
      <Pager
        href={first}
        after={query.after}
        next={page.nextCursor}
        firstLabel="Newest reads"
        nextLabel="Older reads"
        className={`pager-start ${styles.pager}`}
      />
    </section>
  )
}
