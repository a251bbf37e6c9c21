import { createHash } from 'node:crypto'
import { CollectorError } from '../errors'
import { DATA_TABLES, type DataTable, type RowBatch } from '../storage/rows'
import type { Logger } from '../types'

/** Batching limits of the writer. */
export interface BatchOptions {
  /** Flush as soon as this many rows (all tables) are pending. @default 20000 */
  maxRows: number
  /** Flush at the latest this long after the first pending row. @default 200 */
  maxDelayMs: number
  /** Bound on the estimated memory of pending + in-flight rows; past it `reserve` refuses. @default 128 MiB */
  maxQueueBytes: number
}

/** Writes one table's rows; the token makes a retried write of the same batch a no-op. */
export type TableInserter = (table: DataTable, rows: readonly object[], dedupToken: string) => Promise<void>

/** What the writer reports to (prom-client metrics, receipts) and asks of its owner. */
export interface BatchWriterHooks {
  /**
   * Tells the storage refusing the rows themselves (a value it cannot parse or hold) from an
   * outage. Refused batches are split by request and never retried. @default none: every
   * failure counts as an outage
   */
  isDataRejection?(err: unknown): boolean
  onFlush?(rows: number, seconds: number): void
  onFlushError?(err: unknown): void
  onQueueBytes?(bytes: number): void
  /** Called once a batch is committed, before its requests are answered (receipts). Failures are logged only. */
  recordCommitted?(digests: string[]): Promise<void>
}

interface PendingRequest {
  digest: string
  rows: RowBatch
  bytes: number
  /**
   * Tables holding this request's rows. The caller's set: it may arrive non-empty
   * (an earlier attempt partly committed) and the writer adds each table it commits,
   * so after a failure the caller knows what a retry must still write.
   */
  committed: Set<DataTable>
  resolve(): void
  reject(err: unknown): void
}

/** Attempts per table insert before the batch is given up (same token each time, so retries never double). */
const INSERT_ATTEMPTS = 3
const RETRY_BASE_MS = 100

/**
 * Collects the rows of many requests and writes them in large inserts, one per
 * table, about once per `maxDelayMs`. A request's promise settles only after
 * every table insert holding its rows has committed: that is what lets the
 * receiver answer 200 only for stored spans.
 *
 * Each insert carries a deterministic `insert_deduplication_token` derived from
 * the digests of the requests in the batch, so re-running a flush whose outcome
 * was unknown (timeout, connection reset) cannot write the rows twice.
 *
 * Memory is bounded: callers `reserve` the estimated size of a request before
 * decoding it and `release` it if they drop it; the writer releases what it
 * flushed.
 */
export class BatchWriter {
  private pending: PendingRequest[] = []
  private pendingRows = 0
  private reservedBytes = 0
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly insert: TableInserter,
    private readonly options: BatchOptions,
    private readonly logger: Logger,
    private readonly hooks: BatchWriterHooks = {},
  ) {}

  /** Estimated bytes pending or in flight. */
  get queuedBytes(): number {
    return this.reservedBytes
  }

  /** True once `close` was called: new work is refused. */
  get isClosed(): boolean {
    return this.closed
  }

  /**
   * Claims room for a request of `bytes` estimated memory. False when the queue
   * is full (the caller answers 429) — the check happens before any decoding work.
   */
  reserve(bytes: number): boolean {
    if (this.closed) return false
    // One oversized request may always enter an empty queue, or it could never be stored.
    if (this.reservedBytes > 0 && this.reservedBytes + bytes > this.options.maxQueueBytes) return false
    this.reservedBytes += bytes
    this.hooks.onQueueBytes?.(this.reservedBytes)
    return true
  }

  /** Gives back a reservation that will not be submitted. */
  release(bytes: number): void {
    this.reservedBytes = Math.max(0, this.reservedBytes - bytes)
    this.hooks.onQueueBytes?.(this.reservedBytes)
  }

  /**
   * Queues a request's rows (its memory already reserved) and resolves once
   * they are committed. Tables in `committed` are skipped, and filled in as they commit.
   */
  submit(
    digest: string,
    rows: RowBatch,
    bytes: number,
    committed: Set<DataTable> = new Set(),
  ): Promise<void> {
    if (this.closed) {
      this.release(bytes)
      return Promise.reject(new CollectorError('INGEST.SHUTTING_DOWN', 'the collector is shutting down', 503))
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ digest, rows, bytes, committed, resolve, reject })
      this.pendingRows += countRows(rows)
      if (this.pendingRows >= this.options.maxRows) this.scheduleFlush(0)
      else this.scheduleFlush(this.options.maxDelayMs)
    })
  }

  /** Stops accepting work and waits until everything queued is written (or failed). */
  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    while (this.pending.length > 0) await this.flush()
    await this.flushing
  }

  private scheduleFlush(delayMs: number): void {
    if (delayMs === 0) {
      if (this.timer) clearTimeout(this.timer)
      this.timer = undefined
      void this.flush()
      return
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      void this.flush()
    }, delayMs)
  }

  /** Takes everything pending as one batch and writes it after the previous flush ends. */
  private flush(): Promise<void> {
    if (this.pending.length === 0) return this.flushing
    const batch = this.pending
    this.pending = []
    this.pendingRows = 0
    this.flushing = this.flushing.then(() => this.writeBatch(batch))
    return this.flushing
  }

  private async writeBatch(batch: PendingRequest[]): Promise<void> {
    try {
      await this.commit(batch)
    } finally {
      let bytes = 0
      for (const request of batch) bytes += request.bytes
      this.release(bytes)
    }
  }

  /** Writes a batch and settles its requests; never throws. */
  private async commit(batch: PendingRequest[]): Promise<void> {
    const started = performance.now()
    let rowCount: number
    try {
      rowCount = await this.insertTables(batch)
    } catch (err) {
      this.hooks.onFlushError?.(err)
      if (this.isDataRejection(err) && batch.length > 1) {
        // The engine refused something in the rows, and one request's rows fail the insert of all.
        // Writing each request alone confines the refusal to the request that holds it.
        this.logger.warn(
          { err: errorSummary(err), requests: batch.length },
          'storage refused a batch; writing its requests one by one',
        )
        for (const request of batch) await this.commit([request])
        return
      }
      const failure = this.failure(err, batch)
      for (const request of batch) request.reject(failure)
      return
    }
    this.hooks.onFlush?.(rowCount, (performance.now() - started) / 1000)
    try {
      await this.hooks.recordCommitted?.(batch.map((r) => r.digest))
    } catch (err) {
      // The rows are committed, so the requests still succeed; only resend detection is weakened.
      this.logger.warn({ err: errorSummary(err) }, 'could not record ingest receipts')
    }
    for (const request of batch) request.resolve()
  }

  /** One insert per table holding rows of the batch not yet committed; the rows written. */
  private async insertTables(batch: PendingRequest[]): Promise<number> {
    let rowCount = 0
    for (const table of DATA_TABLES) {
      const rows: object[] = []
      const digests: string[] = []
      for (const request of batch) {
        if (request.committed.has(table)) continue
        const tableRows = request.rows[table]
        if (tableRows.length === 0) continue
        digests.push(request.digest)
        for (let i = 0; i < tableRows.length; i++) rows.push(tableRows[i] as object)
      }
      if (rows.length === 0) continue
      await this.insertWithRetry(table, rows, dedupToken(table, digests))
      rowCount += rows.length
      for (const request of batch) request.committed.add(table)
    }
    return rowCount
  }

  private isDataRejection(err: unknown): boolean {
    return this.hooks.isDataRejection?.(err) ?? false
  }

  /** The error a failed request is answered with: a refusal of its data (400), else an outage (503). */
  private failure(err: unknown, batch: PendingRequest[]): CollectorError {
    if (this.isDataRejection(err)) {
      this.logger.error(
        { err: errorSummary(err), digest: batch[0]?.digest },
        'storage refused the data of a request; answering 400',
      )
      return new CollectorError(
        'STORAGE.DATA_REFUSED',
        `the storage refused this request's data: ${errorSummary(err).message.slice(0, 300)}`,
        400,
        { cause: err },
      )
    }
    this.logger.error({ err: errorSummary(err), requests: batch.length }, 'batch insert failed')
    return new CollectorError('STORAGE.INSERT_FAILED', 'storage unavailable, retry later', 503, {
      cause: err,
    })
  }

  private async insertWithRetry(table: DataTable, rows: readonly object[], token: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.insert(table, rows, token)
        return
      } catch (err) {
        // The same rows would be refused again: only outages are worth a retry.
        if (attempt >= INSERT_ATTEMPTS || this.isDataRejection(err)) throw err
        this.logger.warn(
          { err: errorSummary(err), table, attempt },
          'insert failed, retrying with the same token',
        )
        await new Promise((r) => setTimeout(r, RETRY_BASE_MS * 2 ** (attempt - 1)))
      }
    }
  }
}

function countRows(rows: RowBatch): number {
  return rows.spans.length + rows.mcp_calls.length + rows.mcp_events.length + rows.tool_versions.length
}

/** Deterministic for the same requests' rows in a table, whatever their arrival order. */
function dedupToken(table: DataTable, digests: string[]): string {
  digests.sort()
  return `${table}-${createHash('sha256').update(digests.join(',')).digest('hex').slice(0, 40)}`
}

function errorSummary(err: unknown): { message: string; code?: string } {
  if (err instanceof Error) return { message: err.message, code: (err as { code?: string }).code }
  return { message: String(err) }
}
