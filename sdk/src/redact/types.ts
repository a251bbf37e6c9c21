/**
 * Public types of the in-process redaction module. Payloads are redacted inside the MCP
 * server before export (DESIGN.md, "Security model": secrets never leave the server);
 * what was redacted is reported as `tollgate.redaction` events (SEMCONV.md §4.5).
 */

/**
 * How much of a payload is captured.
 * - `full`: everything, except what is always removed (`authorization`, `proxy-authorization`,
 *   `cookie`, `set-cookie` keys and `authInfo.token`); size caps apply.
 * - `redacted`: every key rule, value pattern and the custom redactor; size caps apply.
 * - `hash`: only `{"sha256":"<hex>"}` of the JSON text after the always-removed redactions,
 *   so two payloads can be compared without exporting either.
 * - `none`: no text; the byte size is still measured.
 */
export type CaptureMode = 'full' | 'redacted' | 'hash' | 'none'

/** A rule that finds secrets inside string values. */
export interface ValuePattern {
  /** Rule id, reported in `tollgate.redaction.rule` and in the marker `[REDACTED:<id>]`. */
  id: string
  /**
   * What to find. Flags are kept, except that the pattern is always run globally (`g` added,
   * `y` removed). Keep it linear: it runs on every string value of every call.
   */
  pattern: RegExp
  /** Second check on a match (a checksum, say): return `false` to keep the match. A throw redacts. */
  validate?: (match: string) => boolean
}

/** Options of {@link createRedactor}. Invalid values fall back to the defaults. */
export interface RedactionOptions {
  /** @default 'redacted' */
  mode?: CaptureMode
  /**
   * Extra key names, matched case-insensitively after removing `-` and `_` (so `apiKey`,
   * `api_key` and `API-KEY` are one name), or regexes tested against the key as written.
   * Added to the defaults. A matching key's value is replaced whole, whatever its type.
   */
  keys?: ReadonlyArray<string | RegExp>
  /** Extra value patterns, added to the defaults. */
  patterns?: readonly ValuePattern[]
  /**
   * Longest string value kept, in UTF-16 code units; longer strings are cut and end with
   * `…[TRUNCATED <n> chars]`.
   * @default 4096
   */
  maxStringLength?: number
  /**
   * Largest payload text in UTF-8 bytes; a longer text is cut, marked with
   * `…[TRUNCATED <n> bytes]` and exported as one JSON string, so it is still valid JSON.
   * @default 65536
   */
  maxPayloadBytes?: number
  /**
   * Custom hook run, in mode `redacted` only, on every string value after the built-in rules
   * (it sees their markers; a very long string arrives cut to about `maxStringLength`).
   * Return a replacement string, or `undefined` to keep the value. A throw is caught and the
   * value replaced by `[REDACTED:custom_error]`.
   */
  redactor?: (path: string, value: string) => string | undefined
}

/** One redacted field, exported as a `tollgate.redaction` event (SEMCONV.md §4.5). */
export interface Redaction {
  /** Path of the field: `arguments.card.number`, `result.content[0].text`, `headers.authorization`. */
  field: string
  /** Id of the rule: `key:<name>`, a value pattern id, `custom`, `custom_error` or `redactor_error`. */
  rule: string
}

/** What {@link createRedactor}'s function returns for one payload. */
export interface RedactedPayload {
  /**
   * JSON text to export; `undefined` in mode `none`, when the value has no JSON form
   * (`undefined`, a function, a symbol) or when redaction failed.
   */
  text: string | undefined
  /**
   * UTF-8 size of `JSON.stringify(value)` as received, before redaction or truncation (0 for
   * undefined). For a value `JSON.stringify` rejects (a cycle, a bigint) it is the size of
   * the value serialized with cycles marked and bigints as strings.
   */
  bytes: number
  /** Redacted fields, one per field and rule, at most 100. */
  redactions: Redaction[]
  /** Whether anything was cut: a string, an array, an object, the nesting depth or the text. */
  truncated: boolean
}
