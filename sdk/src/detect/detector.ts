/**
 * The untrusted-content detector: flags tool arguments and results that carry prompt
 * injection (SEMCONV.md §3.7, `tollgate.flag.injection_suspected` and
 * `tollgate.flag.rules`). It runs on every call inside the host's server, so it is
 * bounded, cheap on clean text, and never throws.
 */
import { compileHostPolicy, findUnexpectedLinks, type HostPolicy } from './links.js'
import {
  hasBidiControl,
  hasInstructionPhrase,
  hasUnicodeTags,
  hasZeroWidth,
  RULE_BIDI_CONTROL,
  RULE_INSTRUCTION_PHRASE,
  RULE_INVISIBLE_UNICODE_TAGS,
  RULE_MARKDOWN_IMAGE_UNEXPECTED_HOST,
  RULE_MARKDOWN_LINK_UNEXPECTED_HOST,
  RULE_ZERO_WIDTH,
} from './rules.js'
import type { Detection, Detector, DetectorOptions } from './types.js'

/**
 * Characters (UTF-16 code units: 256 KiB of ASCII) scanned per call, over all texts
 * together in order; the rest is not looked at. Injected text that matters sits where
 * the model reads it, and a bound keeps a huge result from costing the host a long
 * synchronous scan.
 */
export const MAX_SCAN_CHARS = 256 * 1024

/**
 * One pass that every rule needs to pass before it can fire: the special characters,
 * the first words of the instruction phrases and the link syntaxes. Clean text — the
 * common case — costs this single scan.
 */
const PRECHECK =
  /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]|\uDB40[\uDC00-\uDC7F]|\]\(|\]:|<img|<\||<<\/?sys|\[\/?inst\]|<\/?(?:tool_|function_|system|important)|\b(?:ignore|disregard|forget|override|bypass|reveal|you\s+are\s+now|new\s+(?:system\s+)?instructions?|system\s+prompt|the\s+user)\b/i

/**
 * Creates a detector from `options`, compiled once. Rule ids: `instruction_phrase`,
 * `invisible_unicode_tags`, `zero_width`, `bidi_control`,
 * `markdown_link_unexpected_host`, `markdown_image_unexpected_host`. Only the first
 * `MAX_SCAN_CHARS` characters of the texts are scanned. Never throws (a failure reports
 * nothing) and never changes its input.
 */
export function createDetector(options: DetectorOptions = {}): Detector {
  if (options.enabled === false) return () => nothingDetected()
  const allowed = compileHostPolicy(options.allowedHosts ?? [])
  return (texts) => {
    try {
      return detect(texts, allowed)
    } catch {
      return nothingDetected()
    }
  }
}

function detect(texts: readonly string[], allowed: HostPolicy): Detection {
  const fired = new Set<string>()
  let budget = MAX_SCAN_CHARS
  for (const text of texts) {
    if (budget <= 0) break
    if (typeof text !== 'string' || text === '') continue
    const scanned = text.length > budget ? text.slice(0, budget) : text
    budget -= scanned.length
    if (PRECHECK.test(scanned)) scan(scanned, allowed, fired)
  }
  return fired.size === 0 ? nothingDetected() : { rules: [...fired].sort(), injectionSuspected: true }
}

/** Runs every rule that has not fired yet on one text that passed the pre-check. */
function scan(text: string, allowed: HostPolicy, fired: Set<string>): void {
  if (!fired.has(RULE_INSTRUCTION_PHRASE) && hasInstructionPhrase(text)) fired.add(RULE_INSTRUCTION_PHRASE)
  if (!fired.has(RULE_INVISIBLE_UNICODE_TAGS) && hasUnicodeTags(text)) fired.add(RULE_INVISIBLE_UNICODE_TAGS)
  if (!fired.has(RULE_ZERO_WIDTH) && hasZeroWidth(text)) fired.add(RULE_ZERO_WIDTH)
  if (!fired.has(RULE_BIDI_CONTROL) && hasBidiControl(text)) fired.add(RULE_BIDI_CONTROL)
  if (!fired.has(RULE_MARKDOWN_LINK_UNEXPECTED_HOST) || !fired.has(RULE_MARKDOWN_IMAGE_UNEXPECTED_HOST)) {
    const links = findUnexpectedLinks(text, allowed)
    if (links.link) fired.add(RULE_MARKDOWN_LINK_UNEXPECTED_HOST)
    if (links.image) fired.add(RULE_MARKDOWN_IMAGE_UNEXPECTED_HOST)
  }
}

/** A fresh object each time: callers may keep or change what they get. */
function nothingDetected(): Detection {
  return { rules: [], injectionSuspected: false }
}
