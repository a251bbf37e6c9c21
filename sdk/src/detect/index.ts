/** The untrusted-content detector (SEMCONV.md §3.7). */
export { createDetector, MAX_SCAN_CHARS } from './detector.js'
export {
  RULE_BIDI_CONTROL,
  RULE_INSTRUCTION_PHRASE,
  RULE_INVISIBLE_UNICODE_TAGS,
  RULE_MARKDOWN_IMAGE_UNEXPECTED_HOST,
  RULE_MARKDOWN_LINK_UNEXPECTED_HOST,
  RULE_ZERO_WIDTH,
} from './rules.js'
export { textsOf } from './texts-of.js'
export type { Detection, Detector, DetectorOptions } from './types.js'
