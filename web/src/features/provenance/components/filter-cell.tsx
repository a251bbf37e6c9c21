import type { ProvenanceRowFragment } from '../../../graphql/generated'
import { formatBytes } from '../../../lib/format'
import styles from './provenance.module.css'

/**
 * The filter a source was read with. It is payload-like (it can hold customer values), so a
 * role without payload access sees that one exists and how big it is, never a blank.
 */
export function FilterCell({ filter }: { filter: ProvenanceRowFragment['filter'] }) {
  if (filter.state === 'WITHHELD') {
    return (
      <span className="withheld">
        Withheld for your role{filter.bytes > 0 ? ` · ${formatBytes(filter.bytes)}` : ''}
      </span>
    )
  }
  if (filter.state === 'ABSENT' || filter.text === null) return <span className="muted">not recorded</span>
  return <code className={styles.filter}>{filter.text}</code>
}
