import Link from 'next/link'
import { EmptyState } from '../../../components/empty-state'
import { Pager } from '../../../components/pager'
import { formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { loadAuditLog } from '../audit-data'
import { callOfRecord, detailEntries } from '../audit-details'
import { type AuditState, auditHref, exportHref } from '../audit-url'
import styles from './audit.module.css'
import { AuditFilters } from './audit-filters'

type Range = Record<string, string | string[] | undefined>

/** The filters, one page of records (newest first), paging and the download of the whole window. */
export async function AuditContent({
  projectId,
  window,
  state,
  range,
}: {
  projectId: string
  window: PageWindow
  state: AuditState
  range: Range
}) {
  const result = await loadAuditLog(projectId, window, state)
  if (result.kind === 'admins-only') {
    return (
      <EmptyState title="Admins only">
        <p>
          The audit log records who read payloads and who changed members, tokens, keys and alert rules. Only
          the project’s admins can read it; ask one of them if you need an entry.
        </p>
      </EmptyState>
    )
  }
  const filters = (
    <AuditFilters projectId={projectId} state={state} range={range}>
      <span className={styles.downloads}>
        Download the range:
        <a href={exportHref(projectId, window, state, 'csv')} download>
          CSV
        </a>
        <a href={exportHref(projectId, window, state, 'jsonl')} download>
          JSON lines
        </a>
      </span>
    </AuditFilters>
  )
  if (result.kind === 'bad-filter') {
    return (
      <>
        {filters}
        <p className="form-error" role="alert">
          {result.message}
        </p>
      </>
    )
  }
  const { items, nextCursor } = result.page
  const filtered = state.action !== null || state.actor !== null
  return (
    <>
      {filters}
      {items.length === 0 ? (
        <EmptyState
          title={filtered ? 'No audit records match these filters' : 'No audit records in this range'}
        >
          <p>
            Payload reads, sign-ins and changes to members, tokens, keys and alert rules are recorded here. A
            wider time range {filtered ? 'or fewer filters ' : ''}may show older ones.
          </p>
        </EmptyState>
      ) : (
        <section className="card" aria-label="Audit records">
          <table className="table audit-table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const details = detailEntries(r.details)
                const call = callOfRecord(r.target, details)
                return (
                  <tr key={r.id}>
                    <td>{formatTimestamp(r.at)}</td>
                    <td>
                      <Link href={auditHref(projectId, range, { ...state, actor: r.actor, after: null })}>
                        {r.actor}
                      </Link>
                    </td>
                    <td>
                      <Link href={auditHref(projectId, range, { ...state, action: r.action, after: null })}>
                        {r.action}
                      </Link>
                    </td>
                    <td className={styles.target}>
                      {call === null ? (
                        r.target
                      ) : (
                        <Link href={links.session(projectId, call.sessionId, range, call.spanId)}>
                          {r.target}
                        </Link>
                      )}
                    </td>
                    <td>
                      <dl className={styles.details}>
                        {details.map(([key, value]) => (
                          <div key={key}>
                            {key !== '' && <dt>{key}</dt>}
                            <dd>{value}</dd>
                          </div>
                        ))}
                      </dl>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <Pager
            href={auditHref(projectId, range, { ...state, after: null })}
            after={state.after}
            next={nextCursor}
            firstLabel="Newest"
            nextLabel="Older"
            className="pager-start"
          />
        </section>
      )}
    </>
  )
}
