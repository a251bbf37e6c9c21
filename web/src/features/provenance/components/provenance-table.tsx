import Link from 'next/link'
import { OrNone } from '../../../components/cells'
import type { ProvenanceRowFragment } from '../../../graphql/generated'
import { formatCount, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import { formatFreshness } from '../freshness'
import { FilterCell } from './filter-cell'
import styles from './provenance.module.css'

type Range = Record<string, string | string[] | undefined>

/**
 * Provenance records as a table. `by: 'uri'` lists the calls that read one URI (the call is the
 * varying part); `by: 'call'` lists one call's sources (the URI is). Every row's time opens the
 * call as a step of its session.
 */
export function ProvenanceTable({
  projectId,
  records,
  by,
  range,
}: {
  projectId: string
  records: readonly ProvenanceRowFragment[]
  by: 'uri' | 'call'
  range: Range
}) {
  return (
    <table className="table provenance-table">
      <thead>
        <tr>
          <th scope="col">When (UTC)</th>
          {by === 'uri' ? <th scope="col">Who</th> : <th scope="col">URI</th>}
          <th scope="col">{by === 'uri' ? 'Call' : 'Source'}</th>
          <th scope="col">Scopes</th>
          <th scope="col">Source tenant</th>
          <th scope="col">Freshness</th>
          <th scope="col" className="num">
            Excluded
          </th>
          <th scope="col">Filter</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <ProvenanceRow
            key={`${r.spanId}-${r.uri}-${r.source}-${r.at}`}
            {...{ projectId, record: r, by, range }}
          />
        ))}
      </tbody>
    </table>
  )
}

function ProvenanceRow({
  projectId,
  record: r,
  by,
  range,
}: {
  projectId: string
  record: ProvenanceRowFragment
  by: 'uri' | 'call'
  range: Range
}) {
  const freshness = formatFreshness(r.asOf, r.at)
  const crossTenant = r.sourceTenant !== '' && r.tenant !== '' && r.sourceTenant !== r.tenant
  return (
    <tr>
      <td>
        <Link href={links.session(projectId, r.sessionId, range, r.spanId)}>{formatTimestamp(r.at)}</Link>
      </td>
      {by === 'uri' ? (
        <td>
          {r.userId || <span className="muted">(no user)</span>}
          {r.agentId !== '' && <div className="muted small">via {r.agentId}</div>}
        </td>
      ) : (
        <td className={styles.uri}>
          <Link href={links.provenance(projectId, r.uri || r.source, range)}>{r.uri || r.source}</Link>
        </td>
      )}
      <td>
        {by === 'uri' ? (
          <>
            {r.target} <div className="muted small">{r.method}</div>
          </>
        ) : (
          r.source
        )}
      </td>
      <td>
        {r.scopes.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <span className={styles.scopes}>
            {r.scopes.map((s) => (
              <span key={s} className="badge">
                {s}
              </span>
            ))}
          </span>
        )}
      </td>
      <td>
        <OrNone value={r.sourceTenant} />
        {crossTenant && (
          <div>
            <span className="badge warn" title={`The call acted in tenant ${r.tenant}`}>
              other tenant than the call
            </span>
          </div>
        )}
      </td>
      <td>{freshness.stale ? <span className="badge warn">{freshness.text}</span> : freshness.text}</td>
      <td className="num">{formatCount(r.excludedCount)}</td>
      <td>
        <FilterCell filter={r.filter} />
      </td>
    </tr>
  )
}
