import Link from 'next/link'
import { RangeFields } from '../../../components/range-fields'
import type { SessionFilter } from '../../../graphql/generated'
import { links } from '../../../lib/links'
import { OUTCOMES, SIDE_EFFECTS } from '../session-filter'

/**
 * The Sessions filters as a plain GET form: works without JavaScript, and submitting it makes
 * the filtered list's URL. The time range rides along in hidden fields.
 */
export function SessionFilters({
  projectId,
  filter,
  searchParams,
}: {
  projectId: string
  filter: SessionFilter
  searchParams: Record<string, string | string[] | undefined>
}) {
  const text = (name: keyof SessionFilter, label: string, placeholder: string) => (
    <label>
      <span className="muted small">{label}</span>
      <input
        name={name}
        defaultValue={(filter[name] as string | undefined) ?? ''}
        placeholder={placeholder}
        maxLength={256}
      />
    </label>
  )
  return (
    <form method="get" className="card filters" aria-label="Session filters">
      <RangeFields range={searchParams} />
      {text('user', 'User', 'alice@example.com')}
      {text('agent', 'Agent', 'claude-desktop')}
      {text('client', 'OAuth client', 'client id')}
      {text('tool', 'Tool, prompt or resource', 'search_contacts')}
      {text('tenant', 'Tenant', 'acme')}
      <label>
        <span className="muted small">Outcome</span>
        <select name="outcome" defaultValue={filter.outcome ?? ''}>
          <option value="">any</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="muted small">Side effect</span>
        <select name="sideEffect" defaultValue={filter.sideEffect ?? ''}>
          <option value="">any</option>
          {SIDE_EFFECTS.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      {text('text', 'Text in payloads', 'investigators and admins')}
      <div className="filter-actions">
        <button type="submit">Filter</button>
        <Link href={links.sessions(projectId, {}, searchParams)}>Clear</Link>
      </div>
    </form>
  )
}
