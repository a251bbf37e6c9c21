import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'
import { CollectorError } from '../errors'
import { mapSpans } from '../mapping/map-export'
import type { IngestLimits } from '../otlp/types'
import { insertRows, isDataRejection, type Storage } from '../storage/client'
import type { IngestKeyVerifier, Logger } from '../types'
import { type BatchOptions, BatchWriter } from './batch-writer'
import { type BodyLimits, decodeContentEncoding, drainRequest, readBody } from './http-body'
import { createIngestMetrics, type IngestMetrics } from './metrics'
import {
  decodeExport,
  encodeError,
  encodeSuccess,
  validate,
  type WireFormat,
  wireFormatOf,
} from './otlp-codec'
import { ReceiptStore } from './receipt-store'
import { RequestLedger } from './request-ledger'

/** Everything the OTLP/HTTP receiver needs; built once by the process from its config. */
export interface ReceiverOptions {
  host: string
  port: number
  storage: Storage
  keys: IngestKeyVerifier
  logger: Logger
  registry: Registry
  limits: IngestLimits
  body: BodyLimits
  batch: BatchOptions
  /** Seconds a refused client should wait (429/503 `Retry-After`). @default 1 */
  retryAfterSeconds?: number
}

/** A running (or ready to run) OTLP/HTTP trace receiver. */
export interface OtlpReceiver {
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(): Promise<{ port: number }>
  /** Stops accepting, answers new requests 503, writes everything queued, then closes. */
  close(): Promise<void>
  /** True while listening and not shutting down. */
  isReady(): boolean
}

export const OTLP_TRACES_PATH = '/v1/traces'

/**
 * Estimated in-memory size of a request's decoded spans and rows per byte of
 * decompressed body: decoded objects and row objects are several times larger
 * than their protobuf encoding. Used only for the queue's memory bound.
 */
const MEMORY_PER_BODY_BYTE: Record<WireFormat, number> = { protobuf: 6, json: 3 }

/** Request digests remembered in memory for resend detection. */
const LEDGER_ENTRIES = 200_000

/** Creates the OTLP/HTTP receiver (`POST /v1/traces`, protobuf and JSON, gzip). */
export function createOtlpReceiver(options: ReceiverOptions): OtlpReceiver {
  const metrics = createIngestMetrics(options.registry)
  const receipts = new ReceiptStore(options.storage)
  const ledger = new RequestLedger(LEDGER_ENTRIES)
  const writer = new BatchWriter(
    (table, rows, token) => insertRows(options.storage, table, rows, token),
    options.batch,
    options.logger,
    {
      onFlush: (rows, seconds) => {
        metrics.batchRows.observe(rows)
        metrics.flushSeconds.observe(seconds)
      },
      onFlushError: () => metrics.flushFailures.inc(),
      onQueueBytes: (bytes) => metrics.queueBytes.set(bytes),
      recordCommitted: (digests) => receipts.record(digests),
      isDataRejection,
    },
  )
  const handler = new ExportHandler(options, writer, ledger, metrics)
  const server: Server = createServer((req, res) => {
    handler.handle(req, res).catch((err) => handler.fail(req, res, err))
  })
  server.requestTimeout = 60_000
  server.headersTimeout = 20_000
  server.keepAliveTimeout = 10_000
  let listening = false

  return {
    listen: async () => {
      // Requests committed by an earlier run: their resends must not be stored twice.
      for (const digest of await receipts.loadRecent(LEDGER_ENTRIES)) ledger.markDone(digest)
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(options.port, options.host, () => {
          server.off('error', reject)
          listening = true
          resolve({ port: (server.address() as AddressInfo).port })
        })
      })
    },
    close: async () => {
      listening = false
      handler.shuttingDown = true
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      await writer.close()
      server.closeAllConnections()
      await closed
    },
    isReady: () => listening && !handler.shuttingDown,
  }
}

/** One request's path: route → auth → body → decode → validate → map → committed write → answer. */
class ExportHandler {
  shuttingDown = false
  private readonly retryAfter: string

  constructor(
    private readonly options: ReceiverOptions,
    private readonly writer: BatchWriter,
    private readonly ledger: RequestLedger,
    private readonly metrics: IngestMetrics,
  ) {
    this.retryAfter = String(options.retryAfterSeconds ?? 1)
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const format = wireFormatOf(req.headers['content-type'])
    const path = (req.url ?? '').split('?', 1)[0]
    if (path !== OTLP_TRACES_PATH) {
      throw new CollectorError(
        'OTLP.NOT_FOUND',
        `no such endpoint; send traces to POST ${OTLP_TRACES_PATH}`,
        404,
      )
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      throw new CollectorError('OTLP.METHOD_NOT_ALLOWED', `${req.method} is not allowed; use POST`, 405)
    }
    if (!format) {
      throw new CollectorError(
        'OTLP.UNSUPPORTED_MEDIA_TYPE',
        'Content-Type must be application/x-protobuf or application/json',
        415,
      )
    }
    if (this.shuttingDown)
      throw new CollectorError('INGEST.SHUTTING_DOWN', 'the collector is shutting down', 503)
    const projectId = await this.authenticate(req)
    // Cheap early refusal: a full queue means we would refuse after reading anyway.
    if (this.writer.queuedBytes >= this.options.batch.maxQueueBytes) throw overloaded()

    const raw = await readBody(req, this.options.body.maxBodyBytes)
    const body = await decodeContentEncoding(
      raw,
      req.headers['content-encoding'],
      this.options.body.maxDecompressedBytes,
    )
    const reserved = body.length * MEMORY_PER_BODY_BYTE[format]
    if (!this.writer.reserve(reserved)) throw overloaded()
    let submitted = false
    try {
      const decoded = decodeExport(format, body)
      const checked = validate(decoded, this.options.limits)
      this.metrics.spansReceived.inc(checked.accepted.length + checked.rejectedSpans)
      this.metrics.spansRejected.inc(checked.rejectedSpans)
      const digest = digestOf(projectId, format, body)
      const inflight = this.ledger.inflightWrite(digest)
      if (this.ledger.isDone(digest) || inflight) {
        this.metrics.duplicateRequests.inc()
        await inflight
      } else if (checked.accepted.length > 0) {
        let truncated = 0
        for (const span of checked.accepted) truncated += span.truncatedValues
        this.metrics.truncatedValues.inc(truncated)
        const rows = mapSpans(projectId, checked.accepted)
        submitted = true
        await this.ledger.track(
          digest,
          this.writer.submit(digest, rows, reserved, this.ledger.committedTables(digest)),
        )
        this.metrics.spansAccepted.inc(checked.accepted.length)
      }
      this.reply(res, format, 200, encodeSuccess(format, checked.rejectedSpans, checked.errors))
    } finally {
      if (!submitted) this.writer.release(reserved)
    }
  }

  /** Answers an error raised anywhere in `handle` with the right status and an OTLP Status body. */
  fail(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    const format = wireFormatOf(req.headers['content-type']) ?? 'json'
    const known = err instanceof CollectorError
    const status = known ? err.status : 500
    const message = known ? err.message : 'internal error'
    if (!known || status >= 500) {
      this.options.logger.error({ err: describe(err), status }, 'OTLP export failed')
    }
    if (status === 429 || status === 503) res.setHeader('Retry-After', this.retryAfter)
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="tollgate-ingest"')
    this.reply(res, format, status, encodeError(format, status, message))
    // Refused before or while reading the body: read the rest so the client sees our answer.
    drainRequest(req)
  }

  private reply(res: ServerResponse, format: WireFormat, status: number, body: Uint8Array): void {
    this.metrics.requests.inc({ status: String(status) })
    if (res.headersSent) return
    res.statusCode = status
    res.setHeader('Content-Type', format === 'protobuf' ? 'application/x-protobuf' : 'application/json')
    res.setHeader('Content-Length', body.length)
    res.end(body)
  }

  private async authenticate(req: IncomingMessage): Promise<string> {
    const header = req.headers.authorization
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match) {
      throw new CollectorError(
        'AUTH.MISSING_KEY',
        'missing ingest key: send "Authorization: Bearer <key>"',
        401,
      )
    }
    const verdict = await this.options.keys.verify(match[1]!)
    if (verdict === null) throw new CollectorError('AUTH.INVALID_KEY', 'unknown ingest key', 401)
    if (verdict === 'revoked')
      throw new CollectorError('AUTH.REVOKED_KEY', 'this ingest key was revoked', 403)
    return verdict.projectId
  }
}

function overloaded(): CollectorError {
  return new CollectorError('INGEST.OVERLOADED', 'ingest queue is full, retry later', 429)
}

/** Identifies a request for deduplication: the same project sending the same spans. */
function digestOf(projectId: string, format: WireFormat, body: Buffer): string {
  return createHash('sha256')
    .update(projectId)
    .update('\n')
    .update(format)
    .update('\n')
    .update(body)
    .digest('hex')
}

function describe(err: unknown): { message: string; code?: string } {
  if (err instanceof CollectorError) return { message: err.message, code: err.code }
  if (err instanceof Error) return { message: err.message }
  return { message: String(err) }
}
