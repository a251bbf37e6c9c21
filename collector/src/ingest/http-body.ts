import type { IncomingMessage } from 'node:http'
import { gunzip, inflate } from 'node:zlib'
import { CollectorError } from '../errors'

/** Size limits on one request body. */
export interface BodyLimits {
  /** Largest body accepted on the wire (compressed). @default 8 MiB */
  maxBodyBytes: number
  /** Largest body after decompression: the zip-bomb guard. @default 64 MiB */
  maxDecompressedBytes: number
}

/**
 * Reads a request body, refusing it as soon as it passes `maxBodyBytes` (413)
 * instead of buffering whatever a client sends.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(tooLarge(maxBytes))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > maxBytes) {
        failed = true
        chunks.length = 0
        reject(tooLarge(maxBytes))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    })
    req.on('error', (err) => {
      if (failed) return
      failed = true
      reject(new CollectorError('OTLP.DECODE', 'request body could not be read', 400, { cause: err }))
    })
  })
}

/**
 * Undoes `Content-Encoding` (gzip, deflate or none). Output is capped at
 * `maxDecompressedBytes` by zlib itself, so a bomb stops at the cap rather than
 * after filling memory.
 */
export function decodeContentEncoding(
  body: Buffer,
  encoding: string | undefined,
  maxDecompressedBytes: number,
): Promise<Buffer> {
  const name = (encoding ?? '').trim().toLowerCase()
  if (name === '' || name === 'identity') {
    if (body.length > maxDecompressedBytes) return Promise.reject(decompressedTooLarge(maxDecompressedBytes))
    return Promise.resolve(body)
  }
  const codec = name === 'gzip' || name === 'x-gzip' ? gunzip : name === 'deflate' ? inflate : undefined
  if (!codec) {
    return Promise.reject(
      new CollectorError('OTLP.UNSUPPORTED_ENCODING', `unsupported Content-Encoding "${name}" (use gzip)`, 415),
    )
  }
  return new Promise((resolve, reject) => {
    codec(body, { maxOutputLength: maxDecompressedBytes }, (err, out) => {
      if (!err) return resolve(out)
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return reject(decompressedTooLarge(maxDecompressedBytes))
      }
      reject(new CollectorError('OTLP.DECODE', `body is not valid ${name} data`, 400, { cause: err }))
    })
  })
}

function tooLarge(max: number): CollectorError {
  return new CollectorError('OTLP.BODY_TOO_LARGE', `request body exceeds ${max} bytes`, 413)
}

function decompressedTooLarge(max: number): CollectorError {
  return new CollectorError('OTLP.DECOMPRESSED_TOO_LARGE', `decompressed body exceeds ${max} bytes`, 413)
}
