import Link from 'next/link'
import { notFound } from 'next/navigation'
import { formatCount, formatDuration, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import { loadTrace } from '../sessions-data'
import { placeBar, sessionIdOf } from '../waterfall'

/** A trace as a waterfall: one row per span, indented by depth, its bar placed in time. */
export async function TraceWaterfall({ projectId, traceId }: { projectId: string; traceId: string }) {
  const trace = await loadTrace(projectId, traceId)
  if (trace === null) notFound()
  return (
    <>
      <p className="muted">
        {formatCount(trace.spanCount)} spans · {formatDuration(trace.durationMs)} · started{' '}
        {formatTimestamp(trace.startedAt)} UTC
        {trace.truncated && <span className="badge warn">only the earliest spans are shown</span>}
      </p>
      <div className="card">
        <table className="table waterfall" aria-label="Spans">
          <thead>
            <tr>
              <th scope="col">Span</th>
              <th scope="col">Service</th>
              <th scope="col" className="num">
                Duration
              </th>
              <th scope="col" className="track-head">
                0 → {formatDuration(trace.durationMs)}
              </th>
            </tr>
          </thead>
          <tbody>
            {trace.spans.map((span) => {
              const bar = placeBar(span.offsetMs, span.durationMs, trace.durationMs)
              const sessionId = sessionIdOf(span.attributes)
              return (
                <tr key={span.spanId}>
                  <td style={{ paddingLeft: 8 + span.depth * 16 }}>
                    {span.mcpMethod !== '' && sessionId !== null ? (
                      <Link href={links.session(projectId, sessionId, undefined, span.spanId)}>
                        {span.name}
                      </Link>
                    ) : (
                      span.name
                    )}{' '}
                    <span className="muted small">{span.kind.toLowerCase()}</span>
                    {span.statusCode === 'ERROR' && (
                      <span className="badge bad" title={span.statusMessage}>
                        error
                      </span>
                    )}
                  </td>
                  <td className="small">{span.serviceName}</td>
                  <td className="num">{formatDuration(span.durationMs)}</td>
                  <td className="track">
                    <span
                      className={`span-bar${span.statusCode === 'ERROR' ? ' error' : ''}`}
                      style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                      title={`${formatDuration(span.offsetMs)} → ${formatDuration(span.offsetMs + span.durationMs)}`}
                    />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}
