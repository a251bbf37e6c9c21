/**
 * Value patterns: secrets found inside string values. The defaults run as one combined
 * regex, so a string without a candidate costs a single pass and no allocation.
 */
import type { ValuePattern } from './types.js'

/** Where a secret sits in a string, and the rule that found it. */
export interface MatchRange {
  start: number
  end: number
  rule: string
}

/**
 * Not preceded by a token character. Anchors every token pattern at the start of a word:
 * it keeps `task-…` from reading as `sk-…`, and it makes the scan linear, because inside a
 * run like `eyJeyJeyJ…` only the first position may start a match.
 */
const WORD_START = '(?<![A-Za-z0-9_-])'

/** The Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

/**
 * A card number: 13–19 digits once spaces and dashes are removed, a leading 2–6 (the card
 * networks' ranges), 13 digits only for Visa, and a valid Luhn checksum. NB: the leading-digit
 * check is what keeps millisecond timestamps (13 digits starting with 1) from matching.
 */
export function isCardNumber(match: string): boolean {
  const digits = match.replace(/[ -]/g, '')
  if (digits.length < 13 || digits.length > 19) return false
  const first = digits.charCodeAt(0)
  if (first < 50 || first > 54) return false
  if (digits.length === 13 && first !== 52) return false
  return luhnValid(digits)
}

/** Real keys of these providers carry digits; prose such as `sk-learn-…` does not. */
function hasDigit(match: string): boolean {
  return /[0-9]/.test(match)
}

/**
 * The built-in value patterns, in priority order (at one position the first that matches
 * wins: `sk-ant-` before `sk-`). NB: no capturing groups, the combined regex relies on it.
 */
export const DEFAULT_PATTERNS: readonly ValuePattern[] = [
  {
    id: 'pem_private_key',
    // An unterminated key (cut, or pasted in part) is redacted to the end of the string.
    pattern:
      /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/,
  },
  { id: 'jwt', pattern: new RegExp(`${WORD_START}eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*`) },
  { id: 'bearer', pattern: new RegExp(`${WORD_START}[Bb]earer[ \\t]+[A-Za-z0-9._~+/-]{16,}=*`) },
  {
    // The secret key alone is 40 base64 characters like many others: only its label identifies it.
    id: 'aws_secret',
    pattern:
      /(?<![A-Za-z0-9])(?:aws|AWS)_?(?:secret|SECRET)_?(?:access_?|ACCESS_?)?(?:key|KEY)["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/,
  },
  { id: 'aws_access_key', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/ },
  {
    id: 'github_token',
    pattern: new RegExp(`${WORD_START}(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255})`),
  },
  { id: 'slack_token', pattern: new RegExp(`${WORD_START}xox[abposr]-[A-Za-z0-9-]{10,}`) },
  { id: 'anthropic_key', pattern: new RegExp(`${WORD_START}sk-ant-[A-Za-z0-9_-]{20,}`), validate: hasDigit },
  { id: 'openai_key', pattern: new RegExp(`${WORD_START}sk-[A-Za-z0-9_-]{20,}`), validate: hasDigit },
  {
    // A secret written out in text under its name (`password = 'x'`, `?token=x`, `api_key: x`):
    // the lookbehind keeps the label readable and replaces only the value.
    id: 'secret_assignment',
    pattern:
      /(?<=(?<![A-Za-z0-9])(?:[Pp]ass(?:word|wd)?|PASS(?:WORD|WD)?|pwd|PWD|[Ss]ecret|SECRET|client_secret|CLIENT_SECRET|api[_-]?key|API[_-]?KEY|apiKey|[Aa]ccess[_-]?[Tt]oken|ACCESS_TOKEN|[Tt]oken|TOKEN)["']?[ \t]*[:=][ \t]*["']?)[^\s'",;&]{4,}/,
  },
  {
    // Not after a `.`: the digits of `0.4111111111111111` are a fraction, not a card.
    id: 'card_number',
    pattern: /(?<![A-Za-z0-9_.])[0-9](?:[ -]?[0-9]){12,18}(?![A-Za-z0-9_]|\.[0-9])/,
    validate: isCardNumber,
  },
]

/** Shortest string any default pattern can match (`pwd=abcd`): shorter ones skip the scan. */
const DEFAULT_MIN_LENGTH = 8

interface UserPattern {
  readonly id: string
  readonly regex: RegExp
  readonly validate: ((match: string) => boolean) | undefined
}

/** Runs `validate`; a throwing user check counts as a match, because redacting is the safe side. */
function accepted(validate: ((match: string) => boolean) | undefined, match: string): boolean {
  if (validate === undefined) return true
  try {
    return validate(match) !== false
  } catch {
    return true
  }
}

/** The default patterns plus the user's, compiled once per redactor. */
export class PatternSet {
  /** Strings shorter than this cannot match and are not scanned. */
  readonly minLength: number
  readonly #combined: RegExp
  readonly #user: readonly UserPattern[]

  /** `extra` are the user's patterns; malformed entries are ignored. */
  constructor(extra: ReadonlyArray<unknown> = []) {
    this.#combined = new RegExp(DEFAULT_PATTERNS.map((p) => `(${p.pattern.source})`).join('|'), 'g')
    const user: UserPattern[] = []
    for (const p of extra) {
      if (typeof p !== 'object' || p === null) continue
      const { id, pattern, validate } = p as Partial<ValuePattern>
      if (typeof id !== 'string' || !(pattern instanceof RegExp)) continue
      const flags = `${pattern.flags.replace(/[gy]/g, '')}g`
      user.push({
        id,
        regex: new RegExp(pattern.source, flags),
        validate: typeof validate === 'function' ? validate : undefined,
      })
    }
    this.#user = user
    this.minLength = user.length > 0 ? 1 : DEFAULT_MIN_LENGTH
  }

  /**
   * Secrets in `text` that start before `stopAt`, sorted and without overlaps (overlapping
   * matches merge and keep the first rule), or `undefined` when there are none.
   */
  find(text: string, stopAt: number): MatchRange[] | undefined {
    let ranges: MatchRange[] | undefined
    if (text.length >= DEFAULT_MIN_LENGTH)
      ranges = collect(this.#combined, text, stopAt, undefined, undefined)
    if (this.#user.length === 0) return ranges
    for (const p of this.#user) ranges = collect(p.regex, text, stopAt, ranges, p)
    return ranges === undefined ? undefined : merge(ranges)
  }
}

/** The default pattern whose group is set in a match of the combined regex. */
function matchedDefault(m: RegExpExecArray): ValuePattern {
  let i = 1
  while (i < m.length - 1 && m[i] === undefined) i++
  return DEFAULT_PATTERNS[i - 1]!
}

/** Appends the accepted matches of `regex` (the combined defaults, or `user`'s) to `ranges`. */
function collect(
  regex: RegExp,
  text: string,
  stopAt: number,
  ranges: MatchRange[] | undefined,
  user: UserPattern | undefined,
): MatchRange[] | undefined {
  // NB: `lastIndex` is kept in a local and set before each exec, so a re-entrant call (from a
  // user `validate`) sharing this regex cannot make the loop skip or repeat.
  let pos = 0
  while (pos <= text.length) {
    regex.lastIndex = pos
    const m = regex.exec(text)
    if (m === null || m.index >= stopAt) break
    const rule = user ?? matchedDefault(m)
    if (m[0] === '' || !accepted(rule.validate, m[0])) {
      // Retry from the next position: a valid card may start inside a rejected digit run.
      pos = m.index + 1
      continue
    }
    const end = m.index + m[0].length
    if (ranges === undefined) ranges = []
    ranges.push({ start: m.index, end, rule: rule.id })
    pos = end
  }
  return ranges
}

function merge(ranges: MatchRange[]): MatchRange[] {
  ranges.sort((a, b) => a.start - b.start || b.end - a.end)
  const out: MatchRange[] = [ranges[0]!]
  for (let i = 1; i < ranges.length; i++) {
    const r = ranges[i]!
    const last = out[out.length - 1]!
    if (r.start < last.end) last.end = Math.max(last.end, r.end)
    else out.push(r)
  }
  return out
}
