import { apiError } from '../auth/viewer'
import type { SessionFilter } from './models/session.model'

/** Longest value of an exact-match filter field. */
const MAX_VALUE_LENGTH = 256
const TEXT_LENGTH = { min: 2, max: 200 }

/** A filter as SQL: a condition on one `mcp_calls` row and its bound parameters. */
export interface CallCondition {
  sql: string
  params: Record<string, string>
}

/** Each exact-match field and the fixed expression it compares: no client text reaches the SQL. */
const EXACT: ReadonlyArray<[keyof SessionFilter, string]> = [
  ['tool', 'target'],
  ['user', 'user_id'],
  ['agent', 'agent_id'],
  ['client', 'oauth_client_id'],
  ['tenant', 'tenant'],
  ['outcome', 'outcome'],
  ['sideEffect', 'side_effect'],
]

/** The condition a call must meet for `filter`, or null when the filter is empty. Refuses bad values. */
export function callCondition(filter: SessionFilter | null | undefined): CallCondition | null {
  if (filter === null || filter === undefined) return null
  const clauses: string[] = []
  const params: Record<string, string> = {}
  for (const [field, column] of EXACT) {
    const value = filter[field]
    if (value === null || value === undefined) continue
    if (value === '' || value.length > MAX_VALUE_LENGTH) {
      throw apiError('BAD_USER_INPUT', `filter.${field} must be 1–${MAX_VALUE_LENGTH} characters`)
    }
    clauses.push(`${column} = {f_${field}:String}`)
    params[`f_${field}`] = value
  }
  const text = filter.text
  if (text !== null && text !== undefined) {
    if (text.length < TEXT_LENGTH.min || text.length > TEXT_LENGTH.max) {
      throw apiError('BAD_USER_INPUT', `filter.text must be ${TEXT_LENGTH.min}–${TEXT_LENGTH.max} characters`)
    }
    clauses.push(
      '(positionCaseInsensitiveUTF8(input, {f_text:String}) > 0 OR positionCaseInsensitiveUTF8(output, {f_text:String}) > 0)',
    )
    params.f_text = text
  }
  return clauses.length === 0 ? null : { sql: clauses.join(' AND '), params }
}
