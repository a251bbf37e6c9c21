import Link from 'next/link'
import { EmptyState } from '../../../components/empty-state'
import { formatCount } from '../../../lib/format'
import { links } from '../../../lib/links'
import { loadProvenanceOfCall } from '../provenance-data'
import type { ProvenanceQuery } from '../provenance-url'
import { ProvenanceTable } from './provenance-table'

type Range = Record<string, string | string[] | undefined>

/** Every source one call read; each URI leads on to the other calls that read it. */
export async function CallSources({
  projectId,
  query,
  range,
}: {
  projectId: string
  query: Extract<ProvenanceQuery, { kind: 'call' }>
  range: Range
}) {
  const { provenanceOfCall: records } = await loadProvenanceOfCall(projectId, query.traceId, query.spanId)
  const call = records[0]
  if (call === undefined) {
    return (
      <EmptyState title="No sources recorded for this call">
        <p>
          The call <code>{query.spanId}</code> (trace <code>{query.traceId}</code>) reported no provenance.
          Only handlers that call the SDK’s <code>provenance()</code> record their sources.
        </p>
        <Link href={links.trace(projectId, query.traceId, range)}>Open its trace</Link>
      </EmptyState>
    )
  }
  return (
    <section className="card" aria-labelledby="call-sources">
      <h2 id="call-sources">
        Sources of {call.method} <code>{call.target}</code>
      </h2>
      <p className="muted small">
        By {call.userId || '(no user)'}
        {call.agentId !== '' && ` via ${call.agentId}`}
        {call.tenant !== '' && ` in tenant ${call.tenant}`} · {formatCount(records.length)} source
        {records.length === 1 ? '' : 's'} ·{' '}
        <Link href={links.session(projectId, call.sessionId, range, call.spanId)}>
          open the step in its session
        </Link>
      </p>
      <ProvenanceTable projectId={projectId} records={records} by="call" range={range} />
    </section>
  )
}
