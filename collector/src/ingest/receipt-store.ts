import { insertRows, queryRows, type Storage } from '../storage/client'

/** How long a committed request is remembered for deduplication of resends. */
export const RECEIPT_WINDOW_HOURS = 24

/**
 * Persists the digests of committed requests (`ingest_receipts`), so a client
 * resending a request whose 200 it never saw — even across a collector restart —
 * is recognised and not counted twice.
 *
 * NB: receipts are written right after the data; a crash between the two
 * leaves a committed request without a receipt, and its resend would be
 * stored again. The window is one local insert long.
 */
export class ReceiptStore {
  constructor(private readonly storage: Storage) {}

  /** Records committed request digests. */
  async record(digests: readonly string[]): Promise<void> {
    if (digests.length === 0) return
    const now = Date.now() * 1_000_000
    const rows = digests.map((digest) => ({ digest, committed_at: String(now) }))
    await insertRows(this.storage, 'ingest_receipts', rows)
  }

  /** Digests committed within the receipt window, oldest first, at most `limit`. */
  async loadRecent(limit: number): Promise<string[]> {
    const rows = await queryRows<{ digest: string }>(
      this.storage,
      `SELECT digest FROM ${this.storage.database}.ingest_receipts
       WHERE committed_at > now() - INTERVAL {hours:UInt32} HOUR
       ORDER BY committed_at DESC LIMIT {limit:UInt32}`,
      { hours: RECEIPT_WINDOW_HOURS, limit },
    )
    return rows.map((r) => r.digest).reverse()
  }
}
