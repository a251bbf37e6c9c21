import type { ProjectRole } from '../auth/auth.repository'
import { type Payload, PayloadState } from './models/payload.model'

/** Roles that may read payloads (DESIGN.md "Security model"): viewers get aggregates and metadata only. */
export function mayReadPayloads(role: ProjectRole): boolean {
  return role === 'investigator' || role === 'admin'
}

/**
 * A payload as the answer carries it. `text` is what the query selected: the queries of a
 * role without payload access never select payload columns, only whether one is stored.
 */
export function payload(text: string, stored: boolean, bytes: number, shown: boolean): Payload {
  if (!stored) return { state: PayloadState.ABSENT, text: null, bytes }
  if (!shown) return { state: PayloadState.WITHHELD, text: null, bytes }
  return { state: PayloadState.SHOWN, text, bytes }
}

/**
 * A payload column for a SELECT list, as `<column>_text` (the column itself when payloads
 * are shown, else an empty string) and `<column>_stored` (whether one exists). The aliases
 * differ from the column's name on purpose: in ClickHouse an alias shadows a column of the
 * same name in the whole SELECT. Column names are fixed by the caller, never user input.
 */
export function payloadColumn(column: string, shown: boolean): string {
  return `${shown ? column : "''"} AS ${column}_text, notEmpty(${column}) AS ${column}_stored`
}
