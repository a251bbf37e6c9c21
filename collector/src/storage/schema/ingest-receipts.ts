import { column, ttlAfter } from './common'
import type { TableDef } from './types'

/** Receipts outlive the 24 h resend window of `ingest/receipt-store.ts` by a day. */
const RECEIPT_TTL_DAYS = 2

/**
 * `ingest_receipts`: digests of committed OTLP requests (written by
 * `ingest/receipt-store.ts`), so a resend whose 200 was lost is recognised even
 * after a collector restart. Read as "the newest digests of the last 24 h":
 * sorted by time, expired by whole day partitions.
 * No insert deduplication: a duplicated receipt is harmless.
 */
export const ingestReceiptsTable: TableDef = {
  name: 'ingest_receipts',
  comment: 'Digests of committed ingest requests (resend detection)',
  columns: [column('digest', 'String'), column('committed_at', 'DateTime64(9)')],
  engine: { kind: 'MergeTree' },
  partitionBy: 'toDate(committed_at)',
  orderBy: ['committed_at'],
  ttl: ttlAfter('committed_at', RECEIPT_TTL_DAYS),
  settings: { ttl_only_drop_parts: 1 },
  shardingKey: 'cityHash64(digest)',
}
