import { notFound } from 'next/navigation'
import { Pager } from '../../../components/pager'
import { formatCount, formatDuration, formatTimestamp } from '../../../lib/format'
import { samePageHref } from '../../../lib/search-params'
import { loadSession } from '../sessions-data'
import { durationShare, outcomeTone, stepFlags } from '../timeline'
import { OpenLinkedStep } from './open-step'
import { StepDetail } from './step-detail'

/** A session as its ordered steps; each step opens to its full record. */
export async function SessionTimeline(props: {
  projectId: string
  sessionId: string
  after: string | undefined
  searchParams: Record<string, string | string[] | undefined>
}) {
  const session = await loadSession(props.projectId, props.sessionId, props.after)
  if (session === null) notFound()
  const slowest = Math.max(0, ...session.steps.map((s) => s.durationMs))
  return (
    <>
      <section className="kpis" aria-label="Session figures">
        <div className="card kpi">
          <div className="kpi-label">Calls</div>
          <div className="kpi-value">{formatCount(session.calls)}</div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Denials</div>
          <div className="kpi-value">{formatCount(session.denials)}</div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Errors</div>
          <div className="kpi-value">{formatCount(session.errors)}</div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Span (UTC)</div>
          <div className="small">
            {formatTimestamp(session.startedAt)} → {formatTimestamp(session.lastCallAt)}
          </div>
        </div>
      </section>
      <ol className="card timeline" aria-label="Steps">
        {session.steps.map((step) => {
          const flags = stepFlags(step)
          return (
            <li key={`${step.traceId}-${step.spanId}`}>
              <details id={`step-${step.spanId}`} className="step">
                <summary>
                  <span className="step-no">#{step.step || '?'}</span>
                  <span className="small muted">{formatTimestamp(step.at).slice(11)}</span>
                  <code>{step.method}</code>
                  <strong className="step-target">{step.target || '—'}</strong>
                  <span className={`badge ${outcomeTone(step.outcome)}`}>{step.outcome}</span>
                  {step.sideEffect === 'write' && <span className="badge">write</span>}
                  {flags.map((f) => (
                    <span key={f.label} className={`badge ${f.tone}`} title={f.title}>
                      {f.label}
                    </span>
                  ))}
                  <span className="step-duration" title={formatDuration(step.durationMs)}>
                    <span className="bar" style={{ width: `${durationShare(step.durationMs, slowest)}%` }} />
                    <span className="small">{formatDuration(step.durationMs)}</span>
                  </span>
                </summary>
                <StepDetail projectId={props.projectId} step={step} range={props.searchParams} />
              </details>
            </li>
          )
        })}
      </ol>
      <Pager
        href={samePageHref(props.searchParams)}
        after={props.after}
        next={session.nextCursor}
        label="Step pages"
        firstLabel="First steps"
        nextLabel="Next steps"
      />
      <OpenLinkedStep />
    </>
  )
}
