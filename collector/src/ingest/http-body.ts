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
 * How much of a refused upload is read and thrown away after the answer. A
 * client that streams its body reads the answer only after writing it all;
 * closing on it mid-upload makes its TCP stack reset the connection and lose
 * our 4xx, so it would retry the same body. Past this, we close anyway.
 */
const DRAIN_LIMIT_BYTES = 64 << 20

/**
 * Reads a request body, keeping at most `maxBytes` in memory: past it the
 * request is refused with 413 at once and the rest drained unbuffered.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) return void chunks.push(chunk)
      chunks.length = 0
      cleanup()
      reject(tooLarge(maxBytes))
    }
    const onEnd = () => {
      cleanup()
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    }
    const onError = (err: Error) => {
      cleanup()
      reject(new CollectorError('OTLP.DECODE', 'request body could not be read', 400, { cause: err }))
    }
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

/**
 * Reads and discards what is left of a request answered early (refused before
 * or while reading its body), so the client sees the answer rather than a
 * reset; a client sending more than the drain limit is disconnected.
 */
export function drainRequest(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return
  let drained = 0
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length
    if (drained > DRAIN_LIMIT_BYTES) req.destroy()
  })
  req.on('error', () => {})
  req.resume()
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
      new CollectorError(
        'OTLP.UNSUPPORTED_ENCODING',
        `unsupported Content-Encoding "${name}" (use gzip)`,
        415,
      ),
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
