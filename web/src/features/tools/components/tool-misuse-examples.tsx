import Link from 'next/link'
import { ValueList } from '../../../components/cells'
import type { ToolSessionFieldsFragment } from '../../../graphql/generated'
import { formatCount, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import styles from '../tools.module.css'
import { loadToolMisuseExamples } from '../tools-data'
import type { ToolSectionProps } from './tool-page'

type Range = ToolSectionProps['range']

/**
 * Recent sessions in which the tool was denied and in which it failed, each a link to its
 * timeline. NB: the sessions query filters by tool name only, not by server, so a tool of the
 * same name on another server can bring its sessions in; the note below says so.
 */
export async function ToolMisuseExamples({ projectId, tool, window, range }: ToolSectionProps) {
  const { denied, failed } = await loadToolMisuseExamples(projectId, window, tool)
  return (
    <section aria-label="Misuse examples">
      <ExampleList
        title="Sessions where it was denied"
        none="No session had this tool denied in this range."
        items={denied.items}
        figure="denials"
        projectId={projectId}
        range={range}
        more={links.sessions(projectId, { tool, outcome: 'DENIED' }, range)}
      />
      <ExampleList
        title="Sessions where it failed"
        none="No session saw this tool fail in this range."
        items={failed.items}
        figure="errors"
        projectId={projectId}
        range={range}
        more={links.sessions(projectId, { tool, outcome: 'ERROR' }, range)}
      />
    </section>
  )
}

function ExampleList(props: {
  title: string
  none: string
  items: ToolSessionFieldsFragment[]
  /** The session figure that matters to this list. */
  figure: 'denials' | 'errors'
  projectId: string
  range: Range
  more: string
}) {
  return (
    <div className="card">
      <h2>{props.title}</h2>
      {props.items.length === 0 ? (
        <p className="muted">{props.none}</p>
      ) : (
        <>
          <div className={styles.scroll}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Started (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col" className="num">
                    Calls
                  </th>
                  <th scope="col" className="num">
                    {props.figure === 'denials' ? 'Denials' : 'Errors'}
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.items.map((s) => (
                  <tr key={s.sessionId}>
                    <td>
                      <Link
                        href={links.session(props.projectId, s.sessionId, props.range)}
                        title={s.sessionId}
                        data-session-id={s.sessionId}
                      >
                        {shortId(s.sessionId)}
                      </Link>
                    </td>
                    <td>{formatTimestamp(s.startedAt)}</td>
                    <td>
                      <ValueList values={[...s.users, ...s.agents]} none="unknown" />
                    </td>
                    <td className="num">{formatCount(s.calls)}</td>
                    <td className="num">{formatCount(props.figure === 'denials' ? s.denials : s.errors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small">
            <Link href={props.more}>All such sessions</Link>{' '}
            <span className="muted">(matched by tool name, on any server)</span>
          </p>
        </>
      )}
    </div>
  )
}

/** A session id's first block (a UUID's 8 hex digits); the full id is the link's title. */
function shortId(sessionId: string): string {
  return sessionId.length > 13 ? `${sessionId.slice(0, 8)}…` : sessionId
}
