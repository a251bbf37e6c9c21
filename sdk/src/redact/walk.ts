/**
 * One pass over a payload that returns a value `JSON.stringify` can serialize safely, with
 * secrets replaced and sizes capped. Copy-on-write: a container in which nothing changed is
 * returned as is (same reference), so a clean payload costs no allocation and its original
 * JSON text can be reused. The input is never mutated.
 */
import type { KeyInfo, KeyMatcher } from './keys.js'
import {
  CYCLE_MARKER,
  DEPTH_MARKER,
  itemsCutMarker,
  KEYS_MARKER_KEY,
  keysCutMarker,
  MAX_DEPTH,
  MAX_REDACTIONS,
  RULE_CUSTOM,
  RULE_CUSTOM_ERROR,
  redactedMarker,
  stringCutMarker,
} from './markers.js'
import { isCardNumber, type PatternSet } from './patterns.js'
import { safeEnd, spliceRanges } from './text.js'
import type { Redaction } from './types.js'

/** What one walk applies; built once per redactor and mode. */
export interface WalkRules {
  readonly keys: KeyMatcher
  /** Remove `authorization`, `cookie`, `authInfo.token`… (every mode but the raw size fallback). */
  readonly alwaysRemove: boolean
  /** Apply every key rule (mode `redacted`). */
  readonly keyRules: boolean
  /** Value patterns (mode `redacted`). */
  readonly patterns: PatternSet | undefined
  readonly hook: ((path: string, value: string) => string | undefined) | undefined
  /** Longest string kept; `Infinity` for none. */
  readonly maxString: number
  /** Most array items and object keys kept; `Infinity` for none. */
  readonly maxItems: number
}

/**
 * Chars scanned past the cut of a long string, so a secret straddling the cut is found whole.
 * Longer than any token the defaults know; a PEM key is matched to the end of the string anyway.
 */
const SCAN_MARGIN = 2048

/** Path segment that needs no brackets: `arguments.card.number` rather than `arguments["card"]…`. */
const PLAIN_KEY = /^[^.[\]"'\s]+$/

type Container = Record<string, unknown>

/** The state of one walk over one payload. */
export class Walk {
  readonly redactions: Redaction[] = []
  truncated = false
  /** Keys and indexes from the root to the value being visited; joined only when needed. */
  readonly #segments: (string | number)[] = []
  /** Containers being visited: seeing one again is a cycle (a shared, acyclic value is fine). */
  readonly #ancestors: object[] = []

  readonly #root: string
  readonly #rules: WalkRules

  constructor(root: string, rules: WalkRules) {
    this.#root = root
    this.#rules = rules
  }

  /** The path of the value being visited, as in SEMCONV.md §4.5. */
  path(): string {
    let p = this.#root
    for (const s of this.#segments) {
      if (typeof s === 'number') p += `[${s}]`
      else if (PLAIN_KEY.test(s)) p += p === '' ? s : `.${s}`
      else p += `[${JSON.stringify(s)}]`
    }
    return p
  }

  /**
   * The safe form of `value`: `value` itself when nothing changed. `key` is what
   * `JSON.stringify` passes to `toJSON`; `inAuthInfo` says the parent key is `authInfo`.
   */
  value(value: unknown, key: string | number, depth: number, inAuthInfo: boolean): unknown {
    switch (typeof value) {
      case 'string':
        return this.#string(value)
      case 'number':
        // Card numbers also arrive as JSON numbers; nothing shorter than 13 digits can be one.
        if (this.#rules.patterns !== undefined && value >= 1e12 && value < 1e20 && Number.isInteger(value)) {
          if (isCardNumber(String(value))) return this.#redact('card_number')
        }
        return value
      case 'bigint':
        // JSON.stringify throws on a bigint; its decimal text keeps the value.
        return this.#string(value.toString())
      case 'object':
        return value === null ? value : this.#object(value, key, depth, inAuthInfo, true)
      default:
        // booleans, and what JSON.stringify itself drops or turns into null (undefined, functions, symbols)
        return value
    }
  }

  /** Records a redaction of the value being visited and returns its marker. */
  #redact(rule: string): string {
    if (this.redactions.length < MAX_REDACTIONS) this.redactions.push({ field: this.path(), rule })
    return redactedMarker(rule)
  }

  #object(value: object, key: string | number, depth: number, inAuthInfo: boolean, toJSON: boolean): unknown {
    if (toJSON && hasToJSON(value)) {
      // As JSON.stringify does: serialize what toJSON returns (a Date's string, say). Once only,
      // so a toJSON returning `this` cannot loop. The result replaces the value, so what is
      // exported is exactly what was scanned, even if a second toJSON call would differ.
      const json: unknown = value.toJSON(String(key))
      if (typeof json !== 'object' || json === null) return this.value(json, key, depth, inAuthInfo)
      const safe = this.#object(json, key, depth, inAuthInfo, false)
      // NB: JSON.stringify would call a toJSON of this result too, and export what was not scanned.
      return hasToJSON(safe) ? plainCopy(safe) : safe
    }
    // Boxed primitives serialize as their primitive; walked as objects they would skip the scan.
    if (value instanceof String) return this.#string(String(value))
    if (value instanceof Number || value instanceof Boolean) return value.valueOf()
    if (this.#ancestors.includes(value)) return CYCLE_MARKER
    if (depth >= MAX_DEPTH) {
      this.truncated = true
      return DEPTH_MARKER
    }
    this.#ancestors.push(value)
    const out = Array.isArray(value)
      ? this.#array(value, depth)
      : this.#record(value as Container, depth, inAuthInfo)
    this.#ancestors.pop()
    return out
  }

  #array(value: readonly unknown[], depth: number): unknown {
    const n = value.length
    const limit = Math.min(n, this.#rules.maxItems)
    let out: unknown[] | undefined
    for (let i = 0; i < limit; i++) {
      const item = value[i]
      this.#segments.push(i)
      const safe = this.value(item, i, depth + 1, false)
      this.#segments.pop()
      if (safe !== item && out === undefined) out = value.slice(0, i)
      out?.push(safe)
    }
    if (n > limit) {
      this.truncated = true
      out ??= value.slice(0, limit)
      out.push(itemsCutMarker(n - limit))
    }
    return out ?? value
  }

  /** NB: keys are matched by name but not scanned for secrets: a secret used as a key is exported. */
  #record(value: Container, depth: number, inAuthInfo: boolean): unknown {
    const keys = Object.keys(value)
    const limit = Math.min(keys.length, this.#rules.maxItems)
    let out: Container | undefined
    for (let i = 0; i < limit; i++) {
      const k = keys[i]!
      const item = value[k]
      const info = this.#rules.keys.info(k)
      this.#segments.push(k)
      const rule = this.#keyRule(info, inAuthInfo, item)
      const safe = rule === undefined ? this.value(item, k, depth + 1, info.authInfo) : this.#redact(rule)
      this.#segments.pop()
      if (safe !== item && out === undefined) out = copyKeys(value, keys, i)
      if (out !== undefined) out[k] = safe
    }
    if (keys.length > limit) {
      this.truncated = true
      out ??= copyKeys(value, keys, limit)
      out[KEYS_MARKER_KEY] = keysCutMarker(keys.length - limit)
    }
    return out ?? value
  }

  /** The key rule that removes `item`, if any. */
  #keyRule(info: KeyInfo, inAuthInfo: boolean, item: unknown): string | undefined {
    // What JSON.stringify drops is not exported, so there is nothing to redact.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') return undefined
    const { alwaysRemove, keyRules } = this.#rules
    if (alwaysRemove && info.always !== undefined) return info.always
    if (alwaysRemove && inAuthInfo && info.token) return 'key:token'
    return keyRules ? info.rule : undefined
  }

  #string(value: string): string {
    const { patterns, hook, maxString } = this.#rules
    const over = value.length > maxString
    if (!over && hook === undefined && (patterns === undefined || value.length < patterns.minLength)) {
      return value
    }
    const stopAt = over ? maxString : value.length
    let text = value
    let consumed = value.length
    const window = over ? value.slice(0, stopAt + SCAN_MARGIN) : value
    const ranges = patterns?.find(window, stopAt)
    if (ranges !== undefined) {
      const spliced = spliceRanges(value, ranges, stopAt, maxString)
      this.#recordRules(ranges, spliced.used)
      text = spliced.text
      consumed = spliced.consumed
    } else if (over) {
      consumed = safeEnd(value, maxString)
      text = value.slice(0, consumed)
    }
    if (hook !== undefined) {
      const replaced = this.#hook(hook, text)
      if (replaced !== undefined) return replaced
    }
    if (consumed < value.length) {
      this.truncated = true
      text += stringCutMarker(value.length - consumed)
    }
    return text
  }

  /** Records each rule among the first `used` ranges once: one redaction per field and rule. */
  #recordRules(ranges: readonly { rule: string }[], used: number): void {
    const seen: string[] = []
    for (let i = 0; i < used; i++) {
      const rule = ranges[i]!.rule
      if (seen.includes(rule)) continue
      seen.push(rule)
      if (this.redactions.length < MAX_REDACTIONS) this.redactions.push({ field: this.path(), rule })
    }
  }

  /** Runs the custom redactor; returns its replacement (cut to `maxString`), or undefined to keep. */
  #hook(hook: (path: string, value: string) => string | undefined, text: string): string | undefined {
    let replaced: unknown
    try {
      replaced = hook(this.path(), text)
    } catch {
      // The hook is user code: its failure must not reach the host nor let the value through.
      return this.#redact(RULE_CUSTOM_ERROR)
    }
    if (typeof replaced !== 'string' || replaced === text) return undefined
    if (this.redactions.length < MAX_REDACTIONS)
      this.redactions.push({ field: this.path(), rule: RULE_CUSTOM })
    if (replaced.length <= this.#rules.maxString) return replaced
    this.truncated = true
    const end = safeEnd(replaced, this.#rules.maxString)
    return replaced.slice(0, end) + stringCutMarker(replaced.length - end)
  }
}

/**
 * A copy of `value` holding its first `count` keys. NB: a null-prototype object, so a key
 * named `__proto__` (legal in JSON) is copied as data instead of setting the prototype.
 */
function copyKeys(value: Container, keys: readonly string[], count: number): Container {
  const out: Container = Object.create(null)
  for (let i = 0; i < count; i++) out[keys[i]!] = value[keys[i]!]
  return out
}

function hasToJSON(value: unknown): value is { toJSON: (key: string) => unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
}

/** The same JSON without a `toJSON` method: elements, or own keys minus a function `toJSON`. */
function plainCopy(value: object): unknown {
  if (Array.isArray(value)) return Array.from(value)
  const keys = Object.keys(value).filter((k) => k !== 'toJSON')
  return copyKeys(value as Container, keys, keys.length)
}
