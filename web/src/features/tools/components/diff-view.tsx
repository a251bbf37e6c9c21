import { type DiffLine, foldUnchanged } from '../line-diff'
import styles from '../tools.module.css'

const MARK = { same: ' ', added: '+', removed: '−' } as const
const SPOKEN = { same: 'unchanged', added: 'added', removed: 'removed' } as const

/** A line diff with unchanged runs folded; + and − are visible and spoken (colour is not the only cue). */
export function DiffView({ diff, label }: { diff: DiffLine[]; label: string }) {
  return (
    <figure className={styles.diffFigure}>
      <figcaption className="visually-hidden">{label}</figcaption>
      <pre className={styles.diff}>
        {foldUnchanged(diff).map((line, index) =>
          line.kind === 'elided' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff's lines never reorder
            <span key={index} className={`${styles.diffLine} ${styles.elided}`}>
              … {line.count} unchanged line{line.count === 1 ? '' : 's'}
            </span>
          ) : (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: a diff's lines never reorder
              key={index}
              className={`${styles.diffLine} ${line.kind === 'same' ? '' : styles[line.kind]}`}
              data-kind={line.kind}
            >
              <span className="visually-hidden">{SPOKEN[line.kind]}: </span>
              <span aria-hidden="true">{MARK[line.kind]} </span>
              {line.text}
            </span>
          ),
        )}
      </pre>
    </figure>
  )
}
