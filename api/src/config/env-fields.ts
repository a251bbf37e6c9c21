import { z } from 'zod'

/**
 * zod field builders for environment variables. Every variable arrives as an
 * optional string; these turn it into a typed value with one clear message per
 * failure ("must be a whole number between 1 and 65535").
 *
 * NB: an empty (or blank) value counts as unset, because compose files and
 * shells commonly export `VAR=` to mean "no value".
 */

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const optionalRaw = z.preprocess(blankToUndefined, z.string().optional())

/** A whole number within [min, max]; `fallback` when unset. */
export function integerVar(fallback: number, min: number, max: number) {
  return optionalRaw.transform((raw, ctx) => {
    if (raw === undefined) return fallback
    const text = raw.trim()
    const value = Number(text)
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number between ${min} and ${max}` })
      return z.NEVER
    }
    return value
  })
}

/** A TCP port; 0 asks the OS for a free one (tests use it). */
export function portVar(fallback: number) {
  return integerVar(fallback, 0, 65_535)
}

/** One of `choices` (case-insensitive); `fallback` when unset. */
export function enumVar<const T extends readonly [string, ...string[]]>(choices: T, fallback: T[number]) {
  return optionalRaw.transform((raw, ctx): T[number] => {
    if (raw === undefined) return fallback
    const value = raw.trim().toLowerCase()
    if (!choices.includes(value)) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${choices.join(', ')}` })
      return z.NEVER
    }
    return value as T[number]
  })
}

/** A string matching `pattern` (described by `rule` in the error); `undefined` when unset. */
export function patternVar(pattern: RegExp, rule: string) {
  return optionalRaw.transform((raw, ctx) => {
    if (raw === undefined) return undefined
    if (!pattern.test(raw)) {
      ctx.addIssue({ code: 'custom', message: rule })
      return z.NEVER
    }
    return raw
  })
}

/** A plain optional string (trimmed); `undefined` when unset. */
export function stringVar() {
  return optionalRaw.transform((raw) => raw?.trim())
}

/** An http(s) URL; `undefined` when unset. */
export function httpUrlVar() {
  return optionalRaw.transform((raw, ctx) => {
    if (raw === undefined) return undefined
    const text = raw.trim()
    const url = URL.canParse(text) ? new URL(text) : null
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an http:// or https:// URL (e.g. http://clickhouse:8123)',
      })
      return z.NEVER
    }
    return text
  })
}
