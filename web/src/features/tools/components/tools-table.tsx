import Link from 'next/link'
import { EmptyState, InstrumentHint } from '../../../components/empty-state'
import { Pager } from '../../../components/pager'
import { isWebError } from '../../../errors'
import { formatCount, formatDuration, formatPercent } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { PageWindow } from '../../../lib/page-window'
import { misuseSignals } from '../prepare'
import { sortTools, type ToolRow } from '../sort-tools'
import styles from '../tools.module.css'
import { loadTools, TOOLS_PAGE_SIZE } from '../tools-data'
import { ariaSort, serializeToolsState, type ToolSortKey, type ToolsState, toggleSort } from '../tools-url'
import { SortHeader } from './sort-header'

type Range = Record<string, string | string[] | undefined>

const COLUMNS: { key: ToolSortKey; label: string; numeric: boolean }[] = [
  { key: 'tool', label: 'Tool', numeric: false },
  { key: 'calls', label: 'Calls', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'denials', label: 'Denials', numeric: true },
  { key: 'p95', label: 'p95', numeric: true },
  { key: 'sideEffect', label: 'Side effect', numeric: false },
  { key: 'misuse', label: 'Misuse score', numeric: true },
]

/** One page of tools, sorted as the URL asks, with a link to the next page. */
export async function ToolsTable(props: {
  projectId: string
  window: PageWindow
  state: ToolsState
  range: Range
}) {
  const { projectId, window, state, range } = props
  let page: Awaited<ReturnType<typeof loadTools>>['tools']
  try {
    page = (await loadTools(projectId, window, state.after)).tools
  } catch (error) {
    // A cursor from another range or an older link: say so rather than fail the page.
    if (state.after !== undefined && isWebError(error, 'BAD_USER_INPUT')) return <StalePage {...props} />
    throw error
  }
  if (page.items.length === 0) {
    return (
      <EmptyState title="No tool was called in this time range">
        <InstrumentHint />
      </EmptyState>
    )
  }
  const rows = sortTools(page.items, state.sort, state.dir)
  const href = (next: ToolsState) => links.tools(projectId, serializeToolsState(next), range)
  return (
    <div className="card">
      <table className="table">
        <caption className="visually-hidden">Tools called in the range</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader
                key={c.key}
                label={c.label}
                numeric={c.numeric}
                ariaSort={ariaSort(state, c.key)}
                href={href(toggleSort(state, c.key))}
              />
            ))}
            <th scope="col">Misuse signals</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ToolTableRow
              key={`${row.serverName}/${row.tool}`}
              projectId={projectId}
              row={row}
              range={range}
            />
          ))}
        </tbody>
      </table>
      <Pager
        href={href({ ...state, after: undefined })}
        after={state.after}
        next={page.nextCursor}
        className={`pager-start ${styles.pager}`}
      >
        {(page.nextCursor !== null || state.after !== undefined) && (
          <span className="muted small">
            Pages of {TOOLS_PAGE_SIZE} tools, most misused first; a sort orders the page shown.
          </span>
        )}
      </Pager>
    </div>
  )
}

function ToolTableRow({ projectId, row, range }: { projectId: string; row: ToolRow; range: Range }) {
  const signals = misuseSignals(row.misuse)
  return (
    <tr>
      <td>
        <Link href={links.tool(projectId, row.serverName, row.tool, range)}>{row.tool}</Link>{' '}
        <span className="muted small">{row.serverName}</span>
      </td>
      <td className="num">{formatCount(row.calls)}</td>
      <td className="num" title={formatPercent(row.calls > 0 ? row.errors / row.calls : null)}>
        {formatCount(row.errors)}
      </td>
      <td className="num" title={formatPercent(row.calls > 0 ? row.denials / row.calls : null)}>
        {formatCount(row.denials)}
      </td>
      <td className={`num ${styles.nowrap}`}>{formatDuration(row.p95Ms)}</td>
      <td>
        <span className={`badge${row.sideEffect === 'write' ? ' warn' : ''}`}>{row.sideEffect}</span>
      </td>
      <td className="num">{row.misuseScore.toFixed(1)}</td>
      <td>
        {signals.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <span className={styles.signals}>
            {signals.map((s) => (
              <span key={s.label} className={`badge ${s.tone}`}>
                {s.label} {formatCount(s.count)}
              </span>
            ))}
          </span>
        )}
      </td>
    </tr>
  )
}

function StalePage({ projectId, state, range }: { projectId: string; state: ToolsState; range: Range }) {
  return (
    <EmptyState title="This page of tools is no longer available">
      <p>The link points into an older list (another time range, or a cursor that expired).</p>
      <Link href={links.tools(projectId, serializeToolsState({ ...state, after: undefined }), range)}>
        Go to the first page
      </Link>
    </EmptyState>
  )
}
