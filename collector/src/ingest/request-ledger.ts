import type { DataTable } from '../storage/rows'

interface Entry {
  /** Every table holding the request's rows has committed: a resend is answered without writing. */
  done: boolean
  /** Tables already holding the rows (a partly failed attempt): a resend writes only the others. */
  committed: Set<DataTable>
}

/**
 * Remembers recent requests by digest (project + decoded body), so that an OTLP
 * client resending a request — because it timed out, or lost our 200 — is not
 * counted twice. A resend that arrives while the first copy is still being
 * written joins it instead of queueing a second copy.
 *
 * Bounded: the oldest entries go first once `maxEntries` is reached.
 */
export class RequestLedger {
  private readonly entries = new Map<string, Entry>()
  private readonly inflight = new Map<string, Promise<void>>()

  constructor(private readonly maxEntries = 100_000) {}

  /** True when the request was fully committed before. */
  isDone(digest: string): boolean {
    return this.entries.get(digest)?.done === true
  }

  /** The write in progress for this digest, if any. */
  inflightWrite(digest: string): Promise<void> | undefined {
    return this.inflight.get(digest)
  }

  /** The tables a new attempt can skip (live set: the writer adds to it as it commits). */
  committedTables(digest: string): Set<DataTable> {
    let entry = this.entries.get(digest)
    if (!entry) {
      entry = { done: false, committed: new Set() }
      this.remember(digest, entry)
    }
    return entry.committed
  }

  /** Tracks a write; on success the digest is marked done. */
  track(digest: string, write: Promise<void>): Promise<void> {
    const tracked = write.then(() => this.markDone(digest))
    this.inflight.set(digest, tracked)
    const forget = () => this.inflight.delete(digest)
    tracked.then(forget, forget)
    return tracked
  }

  /** Marks digests committed by an earlier process (receipts loaded at start). */
  markDone(digest: string): void {
    const entry = this.entries.get(digest)
    if (entry) entry.done = true
    else this.remember(digest, { done: true, committed: new Set() })
  }

  get size(): number {
    return this.entries.size
  }

  private remember(digest: string, entry: Entry): void {
    this.entries.set(digest, entry)
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
  }
}
