/**
 * String surgery: cutting without splitting a character, replacing found secrets by markers,
 * and cutting a whole payload text so the result is still JSON.
 */
import { Buffer } from 'node:buffer'
import { payloadCutMarker, redactedMarker } from './markers.js'
import type { MatchRange } from './patterns.js'

/** UTF-8 size of a string, as an exporter would send it. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** `end`, moved back by one when it would split a surrogate pair. */
export function safeEnd(text: string, end: number): number {
  if (end <= 0 || end >= text.length) return Math.max(0, Math.min(end, text.length))
  const c = text.charCodeAt(end - 1)
  return c >= 0xd800 && c <= 0xdbff ? end - 1 : end
}

/** A string rebuilt with its secrets replaced, and how much of the source it covers. */
export interface Spliced {
  text: string
  /** Index in the source just after the last character represented in `text`. */
  consumed: number
  /** How many of the ranges were replaced by a marker in `text`. */
  used: number
}

/**
 * Rebuilds `source` with each range replaced by its marker, copying source characters only
 * before `stopAt` and stopping once the result reaches `budget` characters. NB: the caller
 * scans a window a little longer than `stopAt`, so a secret that straddles the cut is still
 * found whole and replaced, rather than leaking its first half.
 */
export function spliceRanges(source: string, ranges: MatchRange[], stopAt: number, budget: number): Spliced {
  let text = ''
  let pos = 0
  let used = 0
  for (const r of ranges) {
    if (r.start >= stopAt) break
    const room = budget - text.length
    if (r.start - pos > room) {
      const end = safeEnd(source, pos + room)
      return { text: text + source.slice(pos, end), consumed: end, used }
    }
    text += source.slice(pos, r.start) + redactedMarker(r.rule)
    pos = r.end
    used++
    if (text.length >= budget) return { text, consumed: pos, used }
  }
  const end = safeEnd(source, Math.min(stopAt, pos + budget - text.length))
  if (end > pos) {
    text += source.slice(pos, end)
    pos = end
  }
  return { text, consumed: pos, used }
}

/**
 * Cuts a payload text that is over `maxBytes` and returns it as one JSON string:
 * `"<start of the text>…[TRUNCATED <n> bytes]"`, where `n` is how many UTF-8 bytes of the
 * text were dropped. A text cut mid-way is no longer JSON; as a JSON string it still parses,
 * and the result stays within `maxBytes` (unless `maxBytes` cannot hold the marker alone).
 */
export function cutPayload(text: string, maxBytes: number, textBytes: number): string {
  // `textBytes` has at least as many digits as the final `n`, so this reserve is enough.
  const budget = maxBytes - 2 - utf8Length(payloadCutMarker(textBytes))
  let used = 0 // bytes of the prefix once escaped in a JSON string
  let kept = 0 // bytes of the prefix as it is
  let i = 0
  while (i < text.length) {
    const c = text.charCodeAt(i)
    let width = 1
    let raw = 3
    let escaped = 3
    if (c < 0x80) {
      raw = 1
      escaped = c === 0x22 || c === 0x5c ? 2 : c < 0x20 ? 6 : 1
    } else if (c < 0x800) {
      raw = escaped = 2
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1)
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        raw = escaped = 4
        width = 2
      } else {
        escaped = 6 // a lone surrogate is written as \uXXXX
      }
    }
    if (used + escaped > budget) break
    used += escaped
    kept += raw
    i += width
  }
  return JSON.stringify(text.slice(0, i) + payloadCutMarker(textBytes - kept))
}
