import type { AuditRecord } from './models/audit.model'

/** The formats `/audit/export` writes. */
export const EXPORT_FORMATS = {
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
} as const

export type ExportFormat = keyof typeof EXPORT_FORMATS

const CSV_COLUMNS = ['id', 'at', 'actor', 'action', 'target', 'details'] as const

/** The header line of a CSV export. */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`
}

/** One record as a JSON line; `details` stays an object, not a string in a string. */
export function jsonLine(record: AuditRecord): string {
  return `${JSON.stringify({ ...record, at: record.at.toISOString(), details: parseDetails(record.details) })}\n`
}

/** One record as an RFC 4180 CSV line. */
export function csvLine(record: AuditRecord): string {
  const values = [
    record.id,
    record.at.toISOString(),
    record.actor,
    record.action,
    record.target,
    record.details,
  ]
  return `${values.map(csvField).join(',')}\r\n`
}

/**
 * A CSV field, quoted when it holds a separator, quote or line break. A field a spreadsheet
 * would run as a formula (= + - @, tab, CR at the start) gets a leading apostrophe: usernames
 * and targets come from outside, and reviewers open these files in spreadsheets.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

function parseDetails(details: string): unknown {
  try {
    return JSON.parse(details)
  } catch {
    return details
  }
}
