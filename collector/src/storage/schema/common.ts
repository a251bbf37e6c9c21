import type { ColumnDef } from './types'

/**
 * Insert-deduplication window for every table an ingest retry can reach. The
 * collector inserts about once a second per table, so 10,000 blocks cover hours
 * of retries; the cost is one hash per block kept in the table's metadata.
 */
export const DEDUP_WINDOW = 10_000

/** `Map(LowCardinality(String), String)`, the attribute map type of `rows.ts`. */
export const STRING_MAP = 'Map(LowCardinality(String), String)'

/** TTL expression `days` after a time column (TTL needs Date/DateTime, not DateTime64). */
export function ttlAfter(column: string, days: number): string {
  return `toDateTime(${column}) + INTERVAL ${days} DAY`
}

/** Shorthand for a column definition. */
export function column(name: string, type: string, extra: Omit<ColumnDef, 'name' | 'type'> = {}): ColumnDef {
  return { name, type, ...extra }
}

/** Strings, ids and maps compress well with ZSTD; its level-1 speed is close to LZ4's. */
export const ZSTD = 'ZSTD(1)'

/** Nanosecond timestamps arrive almost sorted within a part: delta-encode before ZSTD. */
export const TIME_CODEC = 'Delta, ZSTD(1)'
