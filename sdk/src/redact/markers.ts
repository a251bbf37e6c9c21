/**
 * The strings that stand in for removed content, and the fixed limits of a walk. Markers are
 * plain text inside JSON strings so any JSON reader shows them where the content was.
 */

/** Deepest container kept; a deeper one becomes {@link DEPTH_MARKER}. Also bounds recursion. */
export const MAX_DEPTH = 64
/** Most array items (or object keys) kept; the rest are replaced by one marker. */
export const MAX_ITEMS = 1000
/** Most redactions reported per payload, so a payload full of secrets cannot flood events. */
export const MAX_REDACTIONS = 100

/** Stands for an object or array that contains itself. */
export const CYCLE_MARKER = '[CYCLE]'
/** Stands for a container nested deeper than {@link MAX_DEPTH}. */
export const DEPTH_MARKER = '[TRUNCATED depth]'
/** Key of the extra property that reports dropped object keys. */
export const KEYS_MARKER_KEY = '…'

/** Rule id of a custom redactor's replacement. */
export const RULE_CUSTOM = 'custom'
/** Rule id when the custom redactor threw. */
export const RULE_CUSTOM_ERROR = 'custom_error'
/** Rule id reported (on the root) when redaction itself failed and no text was exported. */
export const RULE_REDACTOR_ERROR = 'redactor_error'

/** `[REDACTED:<rule>]`: replaces a value (key rules) or the matched part of a string. */
export function redactedMarker(rule: string): string {
  return `[REDACTED:${rule}]`
}

/** Appended to a cut string: `n` UTF-16 code units were dropped. */
export function stringCutMarker(n: number): string {
  return `…[TRUNCATED ${n} chars]`
}

/** Last item of a cut array: `n` items were dropped. */
export function itemsCutMarker(n: number): string {
  return `…[TRUNCATED ${n} items]`
}

/** Value of the {@link KEYS_MARKER_KEY} property of a cut object: `n` keys were dropped. */
export function keysCutMarker(n: number): string {
  return `[TRUNCATED ${n} keys]`
}

/** Appended to a cut payload text: `n` UTF-8 bytes of the text were dropped. */
export function payloadCutMarker(n: number): string {
  return `…[TRUNCATED ${n} bytes]`
}
