import { formatCount, formatPercent } from '../../../lib/format'
import type { SourcePart } from '../prepare'
import styles from './denials.module.css'

/** Explicit vs inferred vs auth denials as one bar with a legend of counts and shares. */
export function DenialSources({ parts, total }: { parts: SourcePart[]; total: number }) {
  return (
    <section className="card" aria-labelledby="denial-sources">
      <h2 id="denial-sources">How denials were decided</h2>
      {total === 0 ? (
        <p className="muted">No call was denied in this range.</p>
      ) : (
        <>
          <div className={styles.bar} aria-hidden="true">
            {parts.map((p) => (
              <div key={p.key} className={styles[p.key]} style={{ width: `${p.share * 100}%` }} />
            ))}
          </div>
          <ul className={styles.legend}>
            {parts.map((p) => (
              <li key={p.key} data-source={p.key}>
                <span className={`${styles.swatch} ${styles[p.key]}`} aria-hidden="true" />
                <strong>{p.label}</strong> <span className="num">{formatCount(p.count)}</span>{' '}
                <span className="muted small">
                  ({formatPercent(p.share)}, {p.help})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
