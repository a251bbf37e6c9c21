import { z } from 'zod'
import { apiError } from '../auth/viewer'
import type { Destination, RuleKind, RuleParams } from './alert-rule'

/** Most destinations per rule. */
export const MAX_DESTINATIONS = 10
/** Longest destination URL. */
export const MAX_URL_LENGTH = 2048
const MAX_NAME_LENGTH = 200

const intIn = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number between ${min} and ${max}` })
    .int({ error: `must be a whole number between ${min} and ${max}` })
    .min(min, { error: `must be a whole number between ${min} and ${max}` })
    .max(max, { error: `must be a whole number between ${min} and ${max}` })
const numberIn = (min: number, max: number) =>
  z
    .number({ error: `must be a number between ${min} and ${max}` })
    .min(min, { error: `must be a number between ${min} and ${max}` })
    .max(max, { error: `must be a number between ${min} and ${max}` })

const windowMinutes = intIn(1, 1440).default(5)
const rate = z
  .number({ error: 'is required for this kind: a rate above 0 and at most 1' })
  .gt(0, { error: 'must be above 0 and at most 1' })
  .max(1, { error: 'must be above 0 and at most 1' })

/** Each kind's settings: bounds, defaults, and no field of another kind (strict). */
const PARAMS: Record<RuleKind, z.ZodType<RuleParams>> = {
  denial_spike: z.strictObject({
    windowMinutes,
    baselineWindows: intIn(1, 288).default(12),
    factor: numberIn(1, 1000).default(3),
    minCount: intIn(1, 1_000_000).default(10),
  }),
  denial_rate: z.strictObject({ threshold: rate, windowMinutes, minCalls: intIn(1, 1_000_000).default(20) }),
  error_rate: z.strictObject({ threshold: rate, windowMinutes, minCalls: intIn(1, 1_000_000).default(20) }),
  misuse: z.strictObject({
    minScore: z
      .number({ error: 'is required for this kind: a score above 0' })
      .gt(0, { error: 'must be above 0 and at most 1000000' })
      .max(1_000_000, { error: 'must be above 0 and at most 1000000' }),
  }),
  tool_definition_change: z.strictObject({}),
}

const destination = z.object({
  kind: z.enum(['webhook', 'slack']),
  url: z
    .string()
    .max(MAX_URL_LENGTH, { error: `must be at most ${MAX_URL_LENGTH} characters` })
    .refine((url) => URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol), {
      error: 'must be an http:// or https:// URL',
    }),
})

/** What a create or update gives, after GraphQL (kinds already lower case). */
export interface RuleInput {
  name: string
  kind: RuleKind
  enabled: boolean
  params: Record<string, unknown>
  destinations: Destination[]
}

/** The checked rule fields. */
export interface ValidRule {
  name: string
  kind: RuleKind
  enabled: boolean
  params: RuleParams
  destinations: Destination[]
}

/** Checks every field of `input`; a BAD_USER_INPUT error lists each problem (`params.factor: …`). */
export function validateRule(input: RuleInput): ValidRule {
  const problems: string[] = []
  const name = input.name.trim()
  if (name === '' || name.length > MAX_NAME_LENGTH)
    problems.push(`name: must be 1–${MAX_NAME_LENGTH} characters`)
  // Fields left out (or null) take their defaults.
  const given = Object.fromEntries(
    Object.entries(input.params).filter(([, v]) => v !== null && v !== undefined),
  )
  const params = PARAMS[input.kind].safeParse(given)
  if (!params.success) problems.push(...params.error.issues.map((i) => describe('params', i, input.kind)))
  problems.push(...checkDestinations(input.destinations))
  if (problems.length > 0) throw apiError('BAD_USER_INPUT', `Invalid alert rule: ${problems.join('; ')}`)
  return {
    name,
    kind: input.kind,
    enabled: input.enabled,
    params: params.data as RuleParams,
    destinations: input.destinations.map((d) => ({ kind: d.kind, url: d.url })),
  }
}

function checkDestinations(destinations: readonly Destination[]): string[] {
  if (destinations.length > MAX_DESTINATIONS) return [`destinations: at most ${MAX_DESTINATIONS}`]
  const problems: string[] = []
  const seen = new Set<string>()
  destinations.forEach((d, i) => {
    const parsed = destination.safeParse(d)
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => describe(`destinations[${i}]`, issue)))
      return
    }
    const url = new URL(d.url)
    if (d.kind === 'slack' && (url.protocol !== 'https:' || url.hostname !== 'hooks.slack.com')) {
      problems.push(`destinations[${i}].url: a Slack webhook URL starts with https://hooks.slack.com/`)
    }
    if (seen.has(d.url)) problems.push(`destinations[${i}].url: listed twice`)
    seen.add(d.url)
  })
  return problems
}

function describe(prefix: string, issue: z.core.$ZodIssue, kind?: RuleKind): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((k) => `${prefix}.${k}: does not apply to ${kind?.toUpperCase() ?? 'this'}`)
      .join('; ')
  }
  const path = issue.path.map(String).join('.')
  return `${prefix}${path === '' ? '' : `.${path}`}: ${issue.message}`
}
