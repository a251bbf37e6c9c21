/**
 * The loopback collector of `bench:sdk`. It runs in the coordinating process, so receiving costs
 * the measured processes nothing, and it counts what actually arrived per variant (the first path
 * segment of the URL is the variant's key): a variant whose exporter drops spans shows it here.
 * Understands OTLP/HTTP protobuf and JSON, and Sentry envelopes, gzipped or not.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'

export interface Received {
  spans: number
  bytes: number
  requests: number
}

export interface Sink {
  /** `http://127.0.0.1:<port>`; exporters append `/<key>/…`. */
  base: string
  received(key: string): Received
  close(): void
}

export async function startSink(): Promise<Sink> {
  const byKey = new Map<string, Received>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const key = (req.url ?? '/').split('/')[1] ?? ''
      const entry = byKey.get(key) ?? { spans: 0, bytes: 0, requests: 0 }
      byKey.set(key, entry)
      entry.bytes += body.length
      entry.requests++
      entry.spans += countSpans(req, body)
      // Sentry's transport reads a JSON body; OTLP exporters accept an empty 200 of their type.
      res.writeHead(200, { 'content-type': String(req.headers['content-type'] ?? 'application/json') })
      res.end(req.url?.includes('/envelope/') ? '{}' : undefined)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    received: (key) => byKey.get(key) ?? { spans: 0, bytes: 0, requests: 0 },
    close: () => server.close(),
  }
}

function countSpans(req: IncomingMessage, raw: Buffer): number {
  const url = req.url ?? ''
  if (!url.endsWith('/traces') && !url.includes('/envelope/')) return 0 // metrics, client reports
  try {
    const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw
    if (url.includes('/envelope/')) return countEnvelopeSpans(body.toString('utf8'))
    if (String(req.headers['content-type']).includes('json')) return countJsonSpans(body.toString('utf8'))
    return countProtobufSpans(body)
  } catch {
    return 0 // an unreadable body counts as nothing delivered
  }
}

interface OtlpJson {
  resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[]
}

function countJsonSpans(text: string): number {
  const request = JSON.parse(text) as OtlpJson
  let spans = 0
  for (const resource of request.resourceSpans ?? []) {
    for (const scope of resource.scopeSpans ?? []) spans += scope.spans?.length ?? 0
  }
  return spans
}

/** Sentry envelope: a header line, then item header / payload line pairs. */
function countEnvelopeSpans(text: string): number {
  const lines = text.split('\n')
  let spans = 0
  for (let i = 1; i + 1 < lines.length; i += 2) {
    const header = JSON.parse(lines[i] as string) as { type?: string; item_count?: number }
    if (header.type === 'span') spans += header.item_count ?? 1
    if (header.type === 'transaction') {
      const payload = JSON.parse(lines[i + 1] as string) as { spans?: unknown[] }
      spans += 1 + (payload.spans?.length ?? 0)
    }
  }
  return spans
}

/**
 * ExportTraceServiceRequest → resource_spans (1) → scope_spans (2) → spans (2): counts the
 * length-delimited fields on that path without decoding anything else.
 */
function countProtobufSpans(buf: Buffer): number {
  let spans = 0
  for (const resource of fields(buf, 0, buf.length, 1)) {
    for (const scope of fields(buf, resource.start, resource.end, 2)) {
      spans += [...fields(buf, scope.start, scope.end, 2)].length
    }
  }
  return spans
}

function* fields(buf: Buffer, from: number, to: number, wanted: number) {
  let pos = from
  const varint = (): number => {
    let value = 0
    let shift = 0
    for (;;) {
      const byte = buf[pos++] as number
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
      shift += 7
    }
  }
  while (pos < to) {
    const tag = varint()
    const wire = tag & 7
    if (wire === 0) varint()
    else if (wire === 1) pos += 8
    else if (wire === 5) pos += 4
    else if (wire === 2) {
      const length = varint()
      if (tag >>> 3 === wanted) yield { start: pos, end: pos + length }
      pos += length
    } else throw new Error(`unsupported wire type ${wire}`)
  }
}
