import Link from 'next/link'
import { formatCount, formatPercent, formatTimestamp } from '../../../lib/format'
import { links } from '../../../lib/links'
import type { Spike } from '../prepare'

/**
 * The spike buckets under the chart, newest first, each a link to the denied sessions of
 * exactly that bucket (its own from/to, not the page's range): the first step from "it spiked"
 * to "who did it". Refusals of the bearer-auth layer have no MCP session, so each spike also
 * links to the Denials breakdown by user of its bucket.
 */
export function DenialSpikes({ projectId, spikes }: { projectId: string; spikes: Spike[] }) {
  return (
    <div>
      <h3>Spikes</h3>
      {spikes.length === 0 ? (
        <p className="muted">No denial spike in this range: no bucket stands far above the others.</p>
      ) : (
        <ul className="plain-list">
          {spikes.map((spike) => (
            <li key={spike.from}>
              <Link
                className="spike-link"
                href={links.sessions(projectId, { outcome: 'DENIED' }, { from: spike.from, to: spike.to })}
              >
                {formatTimestamp(spike.from)} – {formatTimestamp(spike.to)} UTC
              </Link>
              : {formatCount(spike.denials)} denials of {formatCount(spike.calls)} calls (
              {formatPercent(spike.rate)}) ·{' '}
              <Link href={links.denials(projectId, 'USER', { from: spike.from, to: spike.to })}>by user</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
