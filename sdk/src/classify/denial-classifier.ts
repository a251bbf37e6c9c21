/**
 * The inferred-denial classifier: recognizes denials that reach the SDK only as a
 * JSON-RPC error or an `isError` result (SEMCONV.md §1.3). Its verdict is marked
 * `inferred`; `error.type` is left as it was.
 */
import { DEFAULT_DENIAL_PATTERNS, UNKNOWN_TOOL, UNKNOWN_TOOL_CODE } from './default-patterns.js'
import type {
  DenialClassifier,
  DenialClassifierInput,
  DenialClassifierOptions,
  InferredDenial,
} from './types.js'

/**
 * Characters of each message or text that are matched: denial wording sits at the
 * start, and the bound keeps the regexes cheap on a huge error text.
 */
export const MAX_CLASSIFIED_CHARS = 4096
/** `isError` result texts looked at per call. */
export const MAX_CLASSIFIED_TEXTS = 16
/** Length of `InferredDenial.reason`. */
export const MAX_REASON_CHARS = 256

interface Rule {
  readonly id: string
  readonly pattern: RegExp
}

/**
 * Creates a classifier from `options`, compiled once. The returned function checks, in
 * order: `codes` (rule `code:<code>`); -32602 with "unknown tool" (rule
 * `code:-32602_unknown_tool`); then the patterns — custom ones first, then the defaults
 * (see `default-patterns.ts`) — against the error message and then each `isError` text.
 * The first match wins. Never throws: bad input or options give `undefined`.
 */
export function createDenialClassifier(options: DenialClassifierOptions = {}): DenialClassifier {
  if (options.enabled === false) return () => undefined
  const codes = new Set(options.codes ?? [])
  const rules = compileRules(options)
  return (input) => {
    try {
      return classify(input, codes, rules)
    } catch {
      return undefined
    }
  }
}

function compileRules(options: DenialClassifierOptions): Rule[] {
  const rules: Rule[] = []
  for (const [index, pattern] of (options.patterns ?? []).entries()) {
    try {
      // A copy without `g`/`y`, whose `test` is stateful (`lastIndex`); the caller's object stays untouched.
      rules.push({
        id: `pattern:custom_${index}`,
        pattern: new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')),
      })
    } catch {
      // Not a RegExp: skipped rather than failing the host's startup.
    }
  }
  if (options.replaceDefaults !== true) {
    for (const { id, pattern } of DEFAULT_DENIAL_PATTERNS) rules.push({ id: `pattern:${id}`, pattern })
  }
  return rules
}

function classify(
  { errorCode, errorMessage, toolErrorTexts }: DenialClassifierInput,
  codes: ReadonlySet<number>,
  rules: readonly Rule[],
): InferredDenial | undefined {
  const message = typeof errorMessage === 'string' ? errorMessage.slice(0, MAX_CLASSIFIED_CHARS) : ''
  if (typeof errorCode === 'number') {
    if (codes.has(errorCode)) {
      return { reason: reasonOf(message) || `JSON-RPC error ${errorCode}`, rule: `code:${errorCode}` }
    }
    if (errorCode === UNKNOWN_TOOL_CODE && UNKNOWN_TOOL.test(message)) {
      return { reason: reasonOf(message), rule: `code:${UNKNOWN_TOOL_CODE}_unknown_tool` }
    }
  }
  const fromMessage = match(message, rules)
  if (fromMessage !== undefined) return fromMessage
  if (!Array.isArray(toolErrorTexts)) return undefined
  const count = Math.min(toolErrorTexts.length, MAX_CLASSIFIED_TEXTS)
  for (let i = 0; i < count; i++) {
    const text = toolErrorTexts[i]
    if (typeof text !== 'string') continue
    const found = match(text.slice(0, MAX_CLASSIFIED_CHARS), rules)
    if (found !== undefined) return found
  }
  return undefined
}

function match(text: string, rules: readonly Rule[]): InferredDenial | undefined {
  if (text === '') return undefined
  for (const rule of rules) {
    if (rule.pattern.test(text)) return { reason: reasonOf(text), rule: rule.id }
  }
  return undefined
}

/** The text trimmed and cut to `MAX_REASON_CHARS`, without leaving half a surrogate pair at the end. */
function reasonOf(text: string): string {
  let reason = text.trim()
  if (reason.length <= MAX_REASON_CHARS) return reason
  reason = reason.slice(0, MAX_REASON_CHARS)
  const last = reason.charCodeAt(MAX_REASON_CHARS - 1)
  return last >= 0xd800 && last <= 0xdbff ? reason.slice(0, -1) : reason
}
