import Link from 'next/link'
import { OrNone, ValueList } from '../../../components/cells'
import { EmptyState } from '../../../components/empty-state'
import { Pager } from '../../../components/pager'
import { isWebError } from '../../../errors'
import type { PrincipalsQuery } from '../../../graphql/generated'
import { formatCount, formatPercent, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import styles from '../principals.module.css'
import { loadPrincipals } from '../principals-data'
import {
  PRINCIPAL_KINDS,
  type PrincipalsState,
  serializePrincipalsState,
  sessionsFilterOf,
} from '../principals-url'

type Range = Record<string, string | string[] | undefined>
type Principal = PrincipalsQuery['principals']['items'][number]

/** One page of principals of one kind, most denied first (the api's order), with the next page's link. */
export async function PrincipalsTable(props: {
  projectId: string
  window: PageWindow
  state: PrincipalsState
  range: Range
}) {
  const { projectId, window, state, range } = props
  const kind = PRINCIPAL_KINDS.find((k) => k.kind === state.kind) ?? PRINCIPAL_KINDS[0]
  const href = (next: PrincipalsState) => links.principals(projectId, serializePrincipalsState(next), range)
  let page: PrincipalsQuery['principals']
  try {
    page = (await loadPrincipals(projectId, window, state)).principals
  } catch (error) {
    if (state.after === undefined || !isWebError(error, 'BAD_USER_INPUT')) throw error
    return (
      <EmptyState title="This page of principals is no longer available">
        <p>The link points into an older list (another time range, or a cursor that expired).</p>
        <Link href={href({ kind: state.kind })}>Go to the first page</Link>
      </EmptyState>
    )
  }
  if (page.items.length === 0) {
    return (
      <EmptyState title={`No ${kind.label.toLowerCase()} in this time range`}>
        <p>
          Principals come from the identity on each call: the SDK records the user, agent and OAuth client of
          a request when the server authenticates it. A wider time range may show older calls.
        </p>
      </EmptyState>
    )
  }
  return (
    <div className={`card ${styles.scroll}`}>
      <table className="table">
        <caption className="visually-hidden">{kind.label} seen in the range, most denied first</caption>
        <thead>
          <tr>
            <th scope="col">{kind.one}</th>
            <th scope="col" className="num">
              Calls
            </th>
            <th scope="col" className="num">
              Denials
            </th>
            <th scope="col" className="num">
              Denial rate
            </th>
            <th
              scope="col"
              className="num"
              title="Calls with a token minted for another server (audience mismatch)"
            >
              Wrong audience
            </th>
            <th scope="col" className="num">
              Targets
            </th>
            <th scope="col">Scopes seen</th>
            <th scope="col">Last seen (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((p) => (
            <PrincipalRow key={p.id} principal={p} projectId={projectId} state={state} range={range} />
          ))}
        </tbody>
      </table>
      <Pager
        href={href({ kind: state.kind })}
        after={state.after}
        next={page.nextCursor}
        className="pager-start"
      />
    </div>
  )
}

function PrincipalRow(props: {
  principal: Principal
  projectId: string
  state: PrincipalsState
  range: Range
}) {
  const { principal: p, projectId, state, range } = props
  return (
    <tr>
      <td>
        <OrNone value={p.id} none="(none on the call)">
          <Link href={links.sessions(projectId, sessionsFilterOf(state.kind, p.id), range)}>{p.id}</Link>
        </OrNone>
      </td>
      <td className="num">{formatCount(p.calls)}</td>
      <td className="num">{formatCount(p.denials)}</td>
      <td className="num">{formatPercent(p.calls > 0 ? p.denialRate : null)}</td>
      <td className="num">
        {p.audienceMismatches > 0 ? (
          <span className="badge bad">{formatCount(p.audienceMismatches)}</span>
        ) : (
          formatCount(p.audienceMismatches)
        )}
      </td>
      <td className="num">{formatCount(p.targets)}</td>
      <td>
        <ValueList values={p.scopes} none="none" className={`small ${styles.scopes}`} />
      </td>
      <td className={styles.nowrap}>{formatTimestamp(p.lastSeen)}</td>
    </tr>
  )
}
