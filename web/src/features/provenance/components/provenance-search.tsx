import { RangeFields } from '../../../components/range-fields'
import { MAX_URI_LENGTH } from '../provenance-url'
import styles from './provenance.module.css'

type SearchParams = Record<string, string | string[] | undefined>

/** A plain GET form, so a search is a shareable URL and works before any script loads. */
export function ProvenanceSearch({
  projectId,
  uri,
  range,
  problem,
}: {
  projectId: string
  uri: string
  range: SearchParams
  problem: string | null
}) {
  return (
    <form
      className={`card inline-form ${styles.search}`}
      action={`/${encodeURIComponent(projectId)}/provenance`}
      method="get"
    >
      <label>
        Source URI
        <input
          type="search"
          name="uri"
          defaultValue={uri}
          required
          maxLength={MAX_URI_LENGTH}
          placeholder="crm://accounts/42, postgres://prod-db/orders/7, or a source name"
          spellCheck={false}
        />
      </label>
      <RangeFields range={range} />
      <button type="submit">Find calls</button>
      {problem !== null && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  )
}
