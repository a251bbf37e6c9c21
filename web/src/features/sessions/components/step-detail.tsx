import Link from 'next/link'
import { OrNone } from '../../../components/cells'
import { PayloadView } from '../../../components/payload-view'
import type { StepFieldsFragment } from '../../../graphql/generated'
import { formatDuration, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import { rangeHolding } from '../../../lib/time-range'
import { sourceAge } from '../timeline'

/** Everything recorded about one step: who, under which authority, what went in and out, why it was refused, where its answer came from. */
export function StepDetail({
  projectId,
  step,
  range,
}: {
  projectId: string
  step: StepFieldsFragment
  /** The page's search params: a source's link keeps their range when it holds this step. */
  range: Record<string, string | string[] | undefined>
}) {
  // A session can outlast the range it was found in: a source's readers are looked up in a
  // range that holds this step, so its own read is always among them.
  const readersRange = rangeHolding(range, Date.parse(step.at), Date.now())
  return (
    <div className="step-detail">
      <dl className="facts">
        <dt>User</dt>
        <dd>
          <OrNone value={step.userId} />
        </dd>
        <dt>Agent</dt>
        <dd>
          <OrNone value={step.agentId} />
        </dd>
        <dt>OAuth client</dt>
        <dd>
          <OrNone value={step.clientName || step.clientId} />
          {step.clientName && step.clientId && <span className="muted small"> ({step.clientId})</span>}
        </dd>
        <dt>Scopes</dt>
        <dd>
          {step.scopes.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            step.scopes.map((s) => <code key={s}>{s} </code>)
          )}
        </dd>
        <dt>Tenant</dt>
        <dd>
          <OrNone value={step.tenant} />
        </dd>
        <dt>Audience</dt>
        <dd>
          <OrNone value={step.audienceMatch} />
        </dd>
        <dt>Server</dt>
        <dd>
          <OrNone value={step.serverName} />
        </dd>
        <dt>Trace</dt>
        <dd>
          <Link href={links.trace(projectId, step.traceId)}>waterfall</Link>{' '}
          <span className="muted small">
            {step.traceId} / {step.spanId}
          </span>
        </dd>
      </dl>
      <div className="grid-2">
        <PayloadView label="Arguments" payload={step.input} />
        <PayloadView label="Result" payload={step.output} />
      </div>
      {step.denials.length > 0 && (
        <section aria-label="Denials">
          <h3>Denials</h3>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Reason</th>
                <th scope="col">Policy</th>
                <th scope="col">Granted / refused</th>
              </tr>
            </thead>
            <tbody>
              {step.denials.map((d) => (
                <tr key={`${d.at}-${d.resource}-${d.reason}`}>
                  <td>
                    {d.kind}{' '}
                    {d.inferred && (
                      <span className="badge warn" title="Read from an error by the classifier">
                        inferred
                      </span>
                    )}
                  </td>
                  <td>
                    <OrNone value={d.action} />
                  </td>
                  <td>
                    <OrNone value={d.resource} />
                  </td>
                  <td>
                    <OrNone value={d.reason} />
                  </td>
                  <td>
                    <OrNone value={d.policy} />
                  </td>
                  <td className="small">
                    {d.granted.length > 0 && <div>granted: {d.granted.join(', ')}</div>}
                    {d.denied.length > 0 && <div>refused: {d.denied.join(', ')}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section aria-label="Provenance" className="step-provenance">
        <h3>Sources</h3>
        {step.sources.length === 0 ? (
          <p className="muted small">No sources recorded for this call.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">URI</th>
                <th scope="col">Tenant</th>
                <th scope="col">Age when read</th>
                <th scope="col" className="num">
                  Excluded
                </th>
                <th scope="col">Filter</th>
              </tr>
            </thead>
            <tbody>
              {step.sources.map((s) => (
                <tr key={`${s.at}-${s.uri}-${s.source}`}>
                  <td>
                    <OrNone value={s.source} />
                  </td>
                  <td>
                    <OrNone value={s.uri}>
                      <Link href={links.provenance(projectId, s.uri, readersRange)}>{s.uri}</Link>
                    </OrNone>
                  </td>
                  <td>
                    <OrNone value={s.sourceTenant} />
                  </td>
                  <td>{formatDuration(sourceAge(s.asOf, step.at))}</td>
                  <td className="num">{s.excludedCount}</td>
                  <td>
                    <PayloadView label="" payload={s.filter} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {step.approvals.length > 0 && (
        <section aria-label="Approvals">
          <h3>Approvals</h3>
          {step.approvals.map((a) => (
            <div key={a.approvalId}>
              <p>
                Approved by{' '}
                <strong>
                  <OrNone value={a.approvedBy} />
                </strong>{' '}
                at {formatTimestamp(a.at)} UTC <span className="muted small">({a.approvalId})</span>
              </p>
              <PayloadView label="Parameters the approver saw" payload={a.shownParameters} />
            </div>
          ))}
        </section>
      )}
    </div>
  )
}
