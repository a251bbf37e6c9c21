/**
 * Canonical JSON and its hash, so that a tool definition whose schema was merely
 * reordered hashes the same (SEMCONV.md §4.7).
 */
import { createHash } from 'node:crypto'

/**
 * Nesting deeper than this is written as `null`. NB: JSON Schemas are a handful of
 * levels deep; the cap only exists so a pathological value cannot overflow the stack
 * of the host's request handler.
 */
const MAX_DEPTH = 256

/**
 * JSON text of `value` with object keys sorted by UTF-16 code unit (the default
 * string sort), no whitespace and arrays in order. Everything else follows
 * `JSON.stringify`: `toJSON` is honoured, `undefined` / function / symbol members are
 * dropped from objects and become `null` in arrays, non-finite numbers become `null`.
 * For JSON data this is the RFC 8785 (JCS) form.
 *
 * Never throws: a value `JSON.stringify` would reject or return `undefined` for
 * degrades instead — a top-level `undefined`, a cycle, nesting deeper than 256 or a
 * throwing getter / `toJSON` give `null` at that place (`'null'` at the top), and a
 * bigint is written as its decimal digits.
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value, '', 0, []) ?? 'null'
  } catch {
    return 'null'
  }
}

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text` (lone surrogates encode as U+FFFD). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The text of one value, or `undefined` for what `JSON.stringify` leaves out. */
function write(value: unknown, key: string, depth: number, ancestors: object[]): string | undefined {
  let v = value
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
    const toJSON = (v as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') v = toJSON.call(v, key)
  }
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null'
    case 'boolean':
      return v ? 'true' : 'false'
    case 'bigint':
      return v.toString()
    case 'object':
      if (v === null || depth >= MAX_DEPTH || ancestors.includes(v)) return 'null'
      ancestors.push(v)
      try {
        return Array.isArray(v) ? writeArray(v, depth, ancestors) : writeObject(v, depth, ancestors)
      } finally {
        ancestors.pop()
      }
    default:
      return undefined
  }
}

function writeArray(array: readonly unknown[], depth: number, ancestors: object[]): string {
  const parts: string[] = []
  for (let i = 0; i < array.length; i++)
    parts.push(write(array[i], String(i), depth + 1, ancestors) ?? 'null')
  return `[${parts.join(',')}]`
}

function writeObject(object: object, depth: number, ancestors: object[]): string {
  const parts: string[] = []
  // NB: the default sort compares UTF-16 code units, which is what RFC 8785 asks for.
  for (const key of Object.keys(object).sort()) {
    const text = write((object as Record<string, unknown>)[key], key, depth + 1, ancestors)
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`)
  }
  return `{${parts.join(',')}}`
}
