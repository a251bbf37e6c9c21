import Link from 'next/link'
import { OrNone } from '../../../components/cells'
import type { DenialDimension } from '../../../graphql/generated'
import { formatCount, formatPercent } from '../../../lib/format'
import { links } from '../../../lib/links'
import { DEFAULT_DIMENSION, DIMENSIONS, dimensionOf } from '../denials-url'
import type { DenialsView, GroupRow } from '../prepare'
import styles from './denials.module.css'

type Range = Record<string, string | string[] | undefined>

/** The denials grouped by the dimension in `?by=`, with a switch to the others. */
export function DenialBreakdown({
  projectId,
  by,
  view,
  range,
}: {
  projectId: string
  by: DenialDimension
  view: DenialsView
  range: Range
}) {
  const dimension = dimensionOf(by)
  return (
    <section className="card" aria-labelledby="denial-breakdown">
      <h2 id="denial-breakdown">Denials by {dimension.label.toLowerCase()}</h2>
      <nav className={styles.switch} aria-label="Break denials down by">
        {DIMENSIONS.map((d) => (
          <Link
            key={d.by}
            className="chip"
            aria-current={d.by === by ? 'true' : undefined}
            href={links.denials(projectId, d.by === DEFAULT_DIMENSION ? undefined : d.by, range)}
          >
            {d.label}
          </Link>
        ))}
      </nav>
      {view.groups.length === 0 ? (
        <p className="muted">No call was denied in this range.</p>
      ) : (
        <table className="table" data-by={by}>
          <thead>
            <tr>
              <th scope="col">{dimension.column}</th>
              <th scope="col" className="num">
                Denials
              </th>
              <th scope="col" className="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {view.groups.map((g) => (
              <tr key={g.key}>
                <td>
                  <GroupKey projectId={projectId} by={by} group={g} range={range} />
                </td>
                <td className="num">{formatCount(g.denials)}</td>
                <td className={`num ${styles.shareCell}`}>
                  {formatPercent(g.share)}
                  <div
                    className={styles.shareBar}
                    style={{ width: `${Math.min(1, g.share ?? 0) * 100}%` }}
                    aria-hidden="true"
                  />
                </td>
              </tr>
            ))}
          </tbody>
          {view.rest !== null && view.rest > 0 && (
            <tfoot>
              <tr>
                <td className="muted">Everything else</td>
                <td className="num">{formatCount(view.rest)}</td>
                <td className="num" />
              </tr>
            </tfoot>
          )}
        </table>
      )}
      {view.overlapping && (
        <p className="muted small">
          A denied call can carry several {dimension.label.toLowerCase()}s, so it counts in each of them and
          the shares can add up to more than 100%.
        </p>
      )}
    </section>
  )
}

/** A group's value; users link to their denied sessions. */
function GroupKey({
  projectId,
  by,
  group,
  range,
}: {
  projectId: string
  by: DenialDimension
  group: GroupRow
  range: Range
}) {
  return (
    <OrNone value={group.key} none="(not on the call)">
      {by === 'USER' ? (
        <Link href={links.deniedSessions(projectId, group.key, range)}>{group.key}</Link>
      ) : by === 'SOURCE' ? (
        <span className="badge">{group.key}</span>
      ) : (
        <span>{group.key}</span>
      )}
    </OrNone>
  )
}
