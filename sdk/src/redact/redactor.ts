/**
 * `createRedactor`: turns a payload into the JSON text the SDK exports. Runs inside the host
 * MCP server on every call, so it never throws and, when anything unexpected happens, exports
 * no text rather than text that might not be redacted.
 */
import { createHash } from 'node:crypto'
import { KeyMatcher } from './keys.js'
import { MAX_ITEMS, RULE_REDACTOR_ERROR } from './markers.js'
import { PatternSet } from './patterns.js'
import { cutPayload, utf8Length } from './text.js'
import type { CaptureMode, RedactedPayload, RedactionOptions } from './types.js'
import { Walk, type WalkRules } from './walk.js'

const MODES: ReadonlySet<unknown> = new Set<CaptureMode>(['full', 'redacted', 'hash', 'none'])
const DEFAULT_MAX_STRING_LENGTH = 4096
const DEFAULT_MAX_PAYLOAD_BYTES = 65536

/** Returned by {@link stringify} when JSON.stringify throws (a cycle, a bigint, a throwing getter). */
const FAILED = Symbol('stringify failed')

interface Config {
  readonly mode: CaptureMode
  readonly maxPayloadBytes: number
  /** The walk of `mode`. */
  readonly rules: WalkRules
  /** No rules, no caps: measures a value JSON.stringify rejects. */
  readonly raw: WalkRules
}

/**
 * Builds a redactor: a function from a payload and the root of its field paths (`arguments`,
 * `result`, `params`, `error`, `headers`, `shown_parameters`) to the text to export, its size
 * as received and the redactions made. Options are read once, here; invalid ones fall back
 * to the defaults. Neither this nor the returned function throws, and the payload is never
 * mutated.
 *
 * @example
 * const redact = createRedactor({ keys: ['ssn'] })
 * redact({ card: { number: '4111 1111 1111 1111' } }, 'arguments')
 * // → text '{"card":{"number":"[REDACTED:card_number]"}}',
 * //   redactions [{ field: 'arguments.card.number', rule: 'card_number' }]
 */
export function createRedactor(
  options?: RedactionOptions,
): (value: unknown, root: string) => RedactedPayload {
  let config: Config
  try {
    config = compile(options)
  } catch {
    // Options whose getters throw: the defaults, which redact everything they know.
    config = compile(undefined)
  }
  return (value, root) => redactPayload(config, value, root)
}

function compile(options: RedactionOptions | undefined): Config {
  const o: RedactionOptions = typeof options === 'object' && options !== null ? options : {}
  const mode = MODES.has(o.mode) ? (o.mode as CaptureMode) : 'redacted'
  const keys = new KeyMatcher(Array.isArray(o.keys) ? o.keys : [])
  const maxString = limit(o.maxStringLength, DEFAULT_MAX_STRING_LENGTH)
  const redacted = mode === 'redacted'
  // The hash must tell any two payloads apart, so it covers the whole value: no caps.
  const capped = mode !== 'hash'
  const rules: WalkRules = {
    keys,
    alwaysRemove: true,
    keyRules: redacted,
    patterns: redacted ? new PatternSet(Array.isArray(o.patterns) ? o.patterns : []) : undefined,
    hook: redacted && typeof o.redactor === 'function' ? o.redactor : undefined,
    maxString: capped ? maxString : Number.POSITIVE_INFINITY,
    maxItems: capped ? MAX_ITEMS : Number.POSITIVE_INFINITY,
  }
  const raw: WalkRules = {
    ...rules,
    alwaysRemove: false,
    keyRules: false,
    patterns: undefined,
    hook: undefined,
    maxString: Number.POSITIVE_INFINITY,
    maxItems: Number.POSITIVE_INFINITY,
  }
  return { mode, maxPayloadBytes: limit(o.maxPayloadBytes, DEFAULT_MAX_PAYLOAD_BYTES), rules, raw }
}

/** A size option: a whole number ≥ 1 (`Infinity` turns the cap off), else the default. */
function limit(value: unknown, fallback: number): number {
  return typeof value === 'number' && value >= 1 ? Math.floor(value) : fallback
}

function redactPayload(config: Config, value: unknown, rootPath: string): RedactedPayload {
  const root = typeof rootPath === 'string' ? rootPath : ''
  let bytes = 0
  try {
    const original = stringify(value)
    bytes =
      original === FAILED ? rawBytes(config, value, root) : original === undefined ? 0 : utf8Length(original)
    if (config.mode === 'none' || original === undefined) return noText(bytes)
    const walk = new Walk(root, config.rules)
    const safe = walk.value(value, '', 0, config.rules.keys.info(root).authInfo)
    // Nothing changed: the text already made for `bytes` is the answer, no second stringify.
    // NB: this trusts a value to serialize the same twice (no getter returning a new secret).
    const reused = safe === value && original !== FAILED
    const text = reused ? original : JSON.stringify(safe)
    if (text === undefined) return noText(bytes)
    if (config.mode === 'hash') {
      const sha256 = createHash('sha256').update(text, 'utf8').digest('hex')
      return { text: `{"sha256":"${sha256}"}`, bytes, redactions: walk.redactions, truncated: false }
    }
    const textBytes = reused ? bytes : utf8Length(text)
    if (textBytes <= config.maxPayloadBytes) {
      return { text, bytes, redactions: walk.redactions, truncated: walk.truncated }
    }
    const cut = cutPayload(text, config.maxPayloadBytes, textBytes)
    return { text: cut, bytes, redactions: walk.redactions, truncated: true }
  } catch {
    // A throwing toJSON or getter, or a bug here: export nothing rather than risk a secret.
    return {
      text: undefined,
      bytes,
      redactions: [{ field: root, rule: RULE_REDACTOR_ERROR }],
      truncated: false,
    }
  }
}

function stringify(value: unknown): string | undefined | typeof FAILED {
  try {
    return JSON.stringify(value)
  } catch {
    return FAILED
  }
}

/** Size of a value JSON.stringify rejects: serialized with cycles marked and bigints as text. */
function rawBytes(config: Config, value: unknown, root: string): number {
  try {
    const text = JSON.stringify(new Walk(root, config.raw).value(value, '', 0, false))
    return text === undefined ? 0 : utf8Length(text)
  } catch {
    return 0
  }
}

function noText(bytes: number): RedactedPayload {
  return { text: undefined, bytes, redactions: [], truncated: false }
}
