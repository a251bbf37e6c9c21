import Link from 'next/link'
import { ValueList } from '../../../components/cells'
import { EmptyState, InstrumentHint } from '../../../components/empty-state'
import { Pager } from '../../../components/pager'
import type { SessionFilter } from '../../../graphql/generated'
import { formatCount, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { samePageHref } from '../../../lib/search-params'
import { loadSessions } from '../sessions-data'

/** One page of sessions, latest first, each linking to its timeline. */
export async function SessionsTable(props: {
  projectId: string
  window: PageWindow
  filter: SessionFilter
  filtered: boolean
  after: string | undefined
  searchParams: Record<string, string | string[] | undefined>
}) {
  const page = await loadSessions(props.projectId, props.window, props.filter, props.after)
  if (page.items.length === 0) {
    return props.filtered ? (
      <EmptyState title="No session matches these filters in this time range">
        <p>Widen the time range or clear a filter.</p>
        {props.filter.outcome === 'DENIED' && (
          <p className="muted">
            Calls refused by the bearer-auth layer never reach an MCP session, so they are not listed here:
            see <Link href={links.denials(props.projectId, 'USER', props.searchParams)}>denials by user</Link>{' '}
            for this range.
          </p>
        )}
      </EmptyState>
    ) : (
      <EmptyState title="No sessions in this time range">
        <InstrumentHint />
      </EmptyState>
    )
  }
  const range = props.searchParams
  return (
    <div className="card">
      <table className="table" aria-label="Sessions">
        <thead>
          <tr>
            <th scope="col">Started (UTC)</th>
            <th scope="col">Session</th>
            <th scope="col">Users</th>
            <th scope="col">Agents</th>
            <th scope="col">Targets</th>
            <th scope="col" className="num">
              Calls
            </th>
            <th scope="col" className="num">
              Denials
            </th>
            <th scope="col" className="num">
              Errors
            </th>
            <th scope="col" className="num">
              Writes
            </th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((s) => (
            <tr key={s.sessionId}>
              <td>{formatTimestamp(s.startedAt)}</td>
              <td>
                <Link href={links.session(props.projectId, s.sessionId, range)}>{s.sessionId}</Link>
                {s.injectionSuspected && (
                  <>
                    {' '}
                    <span className="badge bad">injection suspected</span>
                  </>
                )}
              </td>
              <td>
                <ValueList values={s.users} />
              </td>
              <td>
                <ValueList values={s.agents} />
              </td>
              <td className="small">
                <ValueList values={s.targets} />
              </td>
              <td className="num">{formatCount(s.calls)}</td>
              <td className={`num${s.denials > 0 ? ' bad-text' : ''}`}>{formatCount(s.denials)}</td>
              <td className="num">{formatCount(s.errors)}</td>
              <td className="num">{formatCount(s.writes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager href={samePageHref(props.searchParams)} after={props.after} next={page.nextCursor} />
    </div>
  )
}
