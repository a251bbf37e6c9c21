import { EmptyState } from '../../../components/empty-state'
import { formatCount, formatTimestamp } from '../../../lib/format'
import { prepareHistory, type VersionView } from '../prepare'
import styles from '../tools.module.css'
import { loadToolHistory } from '../tools-data'
import { DiffView } from './diff-view'
import type { ToolSectionProps } from './tool-page'

/**
 * Every definition of the tool that tools/list answers carried, newest first, each with what
 * changed from the one before: a silently changed description or schema is how a tool gets
 * repurposed under an agent's feet.
 */
export async function ToolHistory({ projectId, serverName, tool }: ToolSectionProps) {
  const { toolVersions } = await loadToolHistory(projectId, serverName, tool)
  const history = toolVersions.find((h) => h.serverName === serverName && h.tool === tool)
  if (history === undefined || history.versions.length === 0) {
    return (
      <EmptyState title="No definition recorded">
        <p>
          No tools/list answer from {serverName} listed {tool}. Tollgate records a tool’s description and
          schemas when an instrumented server answers tools/list.
        </p>
      </EmptyState>
    )
  }
  const versions = prepareHistory(history.versions)
  return (
    <section className="card" aria-labelledby="tool-history">
      <h2 id="tool-history">
        Definition history{' '}
        {history.changed ? (
          <span className="badge warn">changed {versions.length - 1}×</span>
        ) : (
          <span className="badge good">unchanged</span>
        )}
      </h2>
      {versions.map((v, index) => (
        <VersionEntry key={`${v.firstSeen}-${v.lastSeen}`} version={v} number={versions.length - index} />
      ))}
    </section>
  )
}

function VersionEntry({ version, number }: { version: VersionView; number: number }) {
  return (
    <article className={styles.version} data-testid="tool-version">
      <h3>
        Version {number}{' '}
        <span className="muted small">
          seen {formatTimestamp(version.firstSeen)} – {formatTimestamp(version.lastSeen)} UTC, in{' '}
          {formatCount(version.seenCount)} tools/list answer{version.seenCount === 1 ? '' : 's'}
        </span>
      </h3>
      {number === 1 ? (
        <>
          <p>{version.description || <span className="muted">(no description)</span>}</p>
          <details>
            <summary>Input schema</summary>
            <pre className={`payload ${styles.schema}`}>{version.inputSchema}</pre>
          </details>
        </>
      ) : version.changes.length === 0 ? (
        <p className="muted small">No visible change from the version before.</p>
      ) : (
        version.changes.map((change) => (
          <div key={change.label}>
            <p className="small">{change.label} changed:</p>
            <DiffView diff={change.diff} label={`${change.label} of version ${number - 1} → ${number}`} />
          </div>
        ))
      )}
    </article>
  )
}
