import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import type { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'

/**
 * Raw OTLP/HTTP exchanges for suites that must control every byte and header
 * (malformed input, dedup, backpressure), and strict parsers for the answers.
 */

/** The two OTLP/HTTP encodings. */
export type WireFormat = 'json' | 'protobuf'

export const CONTENT_TYPE: Readonly<Record<WireFormat, string>> = {
  json: 'application/json',
  protobuf: 'application/x-protobuf',
}

/** One HTTP answer, body fully read. */
export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface SendOptions {
  method?: string
  /** Path (and query) replacing the URL's. */
  path?: string
  /** Headers sent as given; `undefined` values are left out. */
  headers?: Record<string, string | undefined>
  /** Bytes to send; a stream is sent chunked (no Content-Length). */
  body?: Uint8Array | string | Readable
}

/**
 * Sends one request on a fresh connection. Rejects when the connection fails
 * (reset, refused, closed before an answer): callers treat that as a failure.
 */
export function send(url: string, options: SendOptions = {}): Promise<RawResponse> {
  const target = new URL(url)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(options.headers ?? {}))
    if (value !== undefined) headers[name] = value
  const body = options.body
  if ((typeof body === 'string' || body instanceof Uint8Array) && headers['content-length'] === undefined) {
    headers['content-length'] = String(Buffer.byteLength(body))
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: options.path ?? target.pathname,
        method: options.method ?? 'POST',
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      },
    )
    req.on('error', reject)
    if (body === undefined) req.end()
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body)
    else {
      // The server may answer (413) and close before the stream is fully written: that is fine.
      body.on('error', reject)
      body.pipe(req)
    }
  })
}

/** Options of {@link exportTraces}. */
export interface ExportOptions {
  format: WireFormat
  /** Bearer key; `undefined` sends no Authorization header. */
  key: string | undefined
  /** Compresses the body with gzip and says so. */
  gzip?: boolean
  headers?: Record<string, string | undefined>
}

/** POSTs an export request the way an OTLP/HTTP exporter does. */
export function exportTraces(
  url: string,
  body: Uint8Array | string,
  options: ExportOptions,
): Promise<RawResponse> {
  const bytes = options.gzip ? gzipSync(body) : body
  return send(url, {
    body: bytes,
    headers: {
      'content-type': CONTENT_TYPE[options.format],
      authorization: options.key === undefined ? undefined : `Bearer ${options.key}`,
      'content-encoding': options.gzip ? 'gzip' : undefined,
      ...options.headers,
    },
  })
}

/** `google.rpc.Status` as the receiver sends it in 4xx/5xx bodies. */
export interface RpcStatus {
  code: number
  message: string
}

/** `ExportTraceServiceResponse.partial_success`, zero/empty when unset. */
export interface PartialSuccess {
  rejectedSpans: number
  errorMessage: string
}

/** The response Content-Type's wire format; throws when it is neither OTLP encoding. */
export function responseFormat(res: RawResponse): WireFormat {
  const media = (res.headers['content-type'] ?? '').split(';', 1)[0]!.trim()
  if (media === CONTENT_TYPE.json) return 'json'
  if (media === CONTENT_TYPE.protobuf) return 'protobuf'
  throw new Error(`unexpected response Content-Type ${JSON.stringify(res.headers['content-type'])}`)
}

/** Parses an error body strictly (`google.rpc.Status`, protobuf or JSON); throws when it is not one. */
export function parseRpcStatus(format: WireFormat, body: Buffer): RpcStatus {
  if (format === 'json') {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('Status: not an object')
    const { code, message, ...rest } = parsed as Record<string, unknown>
    if (Object.keys(rest).some((k) => k !== 'details'))
      throw new Error(`Status: unknown fields ${Object.keys(rest)}`)
    if (!Number.isInteger(code ?? 0)) throw new Error('Status.code: not an integer')
    if (typeof (message ?? '') !== 'string') throw new Error('Status.message: not a string')
    return { code: (code as number | undefined) ?? 0, message: (message as string | undefined) ?? '' }
  }
  const status: RpcStatus = { code: 0, message: '' }
  for (const f of readProtoFields(body)) {
    if (f.field === 1 && typeof f.value === 'bigint') status.code = Number(BigInt.asIntN(32, f.value))
    else if (f.field === 2 && f.value instanceof Uint8Array) status.message = utf8Strict(f.value)
    else if (f.field !== 3) throw new Error(`Status: unexpected field ${f.field}`)
  }
  return status
}

/** Parses a 200 body strictly (`ExportTraceServiceResponse`, protobuf or JSON). */
export function parseExportResponse(format: WireFormat, body: Buffer): PartialSuccess {
  const out: PartialSuccess = { rejectedSpans: 0, errorMessage: '' }
  if (format === 'json') {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('response: not an object')
    const partial = (parsed as { partialSuccess?: Record<string, unknown> }).partialSuccess
    if (partial === undefined) return out
    const rejected = partial.rejectedSpans ?? 0
    if (typeof rejected === 'string' ? !/^[0-9]+$/.test(rejected) : !Number.isInteger(rejected)) {
      throw new Error(`partialSuccess.rejectedSpans: not an int64 (${JSON.stringify(rejected)})`)
    }
    out.rejectedSpans = Number(rejected)
    out.errorMessage = String(partial.errorMessage ?? '')
    return out
  }
  for (const f of readProtoFields(body)) {
    if (f.field !== 1 || !(f.value instanceof Uint8Array))
      throw new Error(`response: unexpected field ${f.field}`)
    for (const p of readProtoFields(Buffer.from(f.value))) {
      if (p.field === 1 && typeof p.value === 'bigint') out.rejectedSpans = Number(p.value)
      else if (p.field === 2 && p.value instanceof Uint8Array) out.errorMessage = utf8Strict(p.value)
      else throw new Error(`partialSuccess: unexpected field ${p.field}`)
    }
  }
  return out
}

interface ProtoField {
  field: number
  value: bigint | Uint8Array
}

/** Reads the top-level fields of a protobuf message (varint and length-delimited only); throws on anything malformed. */
function readProtoFields(buf: Buffer): ProtoField[] {
  const fields: ProtoField[] = []
  let pos = 0
  const varint = (): bigint => {
    let result = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= buf.length) throw new Error('protobuf: truncated varint')
      const b = buf[pos++]!
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return result
    }
    throw new Error('protobuf: varint too long')
  }
  while (pos < buf.length) {
    const tag = Number(varint())
    const field = tag >>> 3
    if (field === 0) throw new Error('protobuf: field number 0')
    if ((tag & 7) === 0) fields.push({ field, value: varint() })
    else if ((tag & 7) === 2) {
      const len = Number(varint())
      if (pos + len > buf.length) throw new Error('protobuf: truncated field')
      fields.push({ field, value: buf.subarray(pos, pos + len) })
      pos += len
    } else throw new Error(`protobuf: unexpected wire type ${tag & 7}`)
  }
  return fields
}

function utf8Strict(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

/** A small seeded PRNG (mulberry32), so "random" corpora are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `n` bytes from a seeded PRNG. */
export function randomBytesFrom(rand: () => number, n: number): Buffer {
  const out = Buffer.alloc(n)
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256)
  return out
}

/** What {@link uploadPastRefusal} saw. */
export interface RefusedUpload {
  /** Status line and headers of the answer, as received. */
  head: string
  status: number
  /** Socket error while finishing the upload after the answer (`ECONNRESET`, `EPIPE`), if any. */
  error: string | undefined
}

/**
 * Streams a chunked upload on a raw socket: `before` bytes, then waits for the
 * complete answer, then — like a client that has not read it yet — sends
 * `after` more bytes and the final chunk (or, with a declared `contentLength`
 * larger than what it sends, just ends its side). A server that refuses early must
 * read (drain) the rest rather than close with the upload unread: closing makes
 * the client's TCP stack reset the connection, which can destroy the answer
 * before the client reads it (RFC 9112 §9.6, "tear-down").
 */
export async function uploadPastRefusal(
  url: string,
  headers: Record<string, string>,
  upload:
    | { before: number; after: number; framing: 'chunked' }
    | { before: number; after: number; contentLength: number },
): Promise<RefusedUpload> {
  const { before, after } = upload
  const target = new URL(url)
  // Half-open: the server's FIN after its answer must not stop us, as it does not stop an uploading client.
  const socket = connect({ port: Number(target.port), host: target.hostname, allowHalfOpen: true })
  let error: string | undefined
  let received = Buffer.alloc(0)
  socket.on('error', (err: NodeJS.ErrnoException) => {
    error ??= err.code ?? err.message
  })
  socket.on('data', (d: Buffer) => {
    received = Buffer.concat([received, d])
  })
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`)
  const chunked = !('contentLength' in upload)
  lines.push(chunked ? 'transfer-encoding: chunked\r\n' : `content-length: ${upload.contentLength}\r\n`)
  socket.write(`POST ${target.pathname} HTTP/1.1\r\nhost: ${target.host}\r\n${lines.join('')}\r\n`)
  const data = Buffer.alloc(0x10000, 0x20)
  const chunk = chunked ? Buffer.concat([Buffer.from('10000\r\n'), data, Buffer.from('\r\n')]) : data
  const write = async (bytes: number) => {
    for (let sent = 0; sent < bytes && error === undefined && !socket.destroyed; sent += 0x10000) {
      if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), closed])
    }
  }
  await write(before)
  const deadline = Date.now() + 10_000
  while (!answerComplete(received) && error === undefined && !socket.destroyed && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5))
  }
  const head = received.toString('latin1').split('\r\n\r\n', 1)[0]!
  await new Promise((r) => setTimeout(r, 50))
  await write(after)
  if (error === undefined && !socket.destroyed) socket.end(chunked ? '0\r\n\r\n' : '')
  const timer = setTimeout(() => socket.destroy(), 10_000)
  await closed
  clearTimeout(timer)
  return { head, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), error }
}

/** True once `received` holds a status line, headers and a Content-Length body. */
function answerComplete(received: Buffer): boolean {
  const text = received.toString('latin1')
  const end = text.indexOf('\r\n\r\n')
  if (end < 0) return false
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end))
  return length !== null && received.length >= end + 4 + Number(length[1])
}
