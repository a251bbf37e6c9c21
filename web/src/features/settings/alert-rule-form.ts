import type {
  AlertDestinationInput,
  AlertDestinationKind,
  AlertRuleInput,
  AlertRuleKind,
  AlertRuleParamsInput,
} from '../../graphql/generated'
import { KIND_LABELS, type ListedAlertRule, type RuleParams } from './alert-rules'
import { type Checked, field } from './validation'

/**
 * The alert rule form's fields and their checks, with the api's own kinds, bounds and
 * defaults (api/src/alert-rules/alert-rule-input.ts), so a slip is answered at once and a
 * rule the api would refuse never travels. The api checks again and its message wins.
 */

/** The kinds in the order the form offers them: the most common first. */
export const ALERT_RULE_KINDS: readonly AlertRuleKind[] = [
  'DENIAL_SPIKE',
  'DENIAL_RATE',
  'ERROR_RATE',
  'MISUSE',
  'TOOL_DEFINITION_CHANGE',
]

/** What each kind fires on, one line each, for the kind picker. */
export const KIND_HINTS: Readonly<Record<AlertRuleKind, string>> = {
  DENIAL_SPIKE: 'Denials in a window jump to a multiple of their usual level (the windows before it).',
  DENIAL_RATE: 'The share of denied calls in a window reaches a threshold.',
  ERROR_RATE: 'The share of failed calls in a window reaches a threshold.',
  MISUSE: 'A tool’s misuse score reaches a minimum.',
  TOOL_DEFINITION_CHANGE: 'A tool’s definition (its description or input schema) changes.',
}

export const DESTINATION_KINDS: readonly AlertDestinationKind[] = ['WEBHOOK', 'SLACK']
export const RULE_NAME_MAX = 200
export const MAX_DESTINATIONS = 10
export const MAX_URL_LENGTH = 2048

export type ParamName = keyof RuleParams

/** One setting of a kind: its bounds and the default the api uses when it is left out. */
export interface ParamSpec {
  name: ParamName
  label: string
  integer: boolean
  min: number
  /** True: the value must be above `min` (a rate or score of 0 would fire on everything). */
  aboveMin: boolean
  max: number
  /** The api's value when the field is left empty; null when the kind requires it. */
  default: number | null
  /** What it means, read after the bounds. */
  meaning: string
}

const WINDOW: ParamSpec = {
  name: 'windowMinutes',
  label: 'Window (minutes)',
  integer: true,
  min: 1,
  aboveMin: false,
  max: 1440,
  default: 5,
  meaning: 'the stretch of time judged at once',
}
const THRESHOLD: ParamSpec = {
  name: 'threshold',
  label: 'Threshold (rate)',
  integer: false,
  min: 0,
  aboveMin: true,
  max: 1,
  default: null,
  meaning: 'fires at this share of calls: 0.05 = 5%',
}
const MIN_CALLS: ParamSpec = {
  name: 'minCalls',
  label: 'Minimum calls',
  integer: true,
  min: 1,
  aboveMin: false,
  max: 1_000_000,
  default: 20,
  meaning: 'fewer calls in the window are not judged',
}

/** Each kind's settings, in the order the form shows them. */
export const KIND_PARAMS: Readonly<Record<AlertRuleKind, readonly ParamSpec[]>> = {
  DENIAL_SPIKE: [
    {
      name: 'factor',
      label: 'Factor',
      integer: false,
      min: 1,
      aboveMin: false,
      max: 1000,
      default: 3,
      meaning: 'fires above this many times the baseline',
    },
    WINDOW,
    {
      name: 'baselineWindows',
      label: 'Baseline windows',
      integer: true,
      min: 1,
      aboveMin: false,
      max: 288,
      default: 12,
      meaning: 'the windows before it that make the baseline',
    },
    {
      name: 'minCount',
      label: 'Minimum denials',
      integer: true,
      min: 1,
      aboveMin: false,
      max: 1_000_000,
      default: 10,
      meaning: 'fewer denials in the window never fire',
    },
  ],
  DENIAL_RATE: [THRESHOLD, WINDOW, MIN_CALLS],
  ERROR_RATE: [THRESHOLD, WINDOW, MIN_CALLS],
  MISUSE: [
    {
      name: 'minScore',
      label: 'Minimum score',
      integer: false,
      min: 0,
      aboveMin: true,
      max: 1_000_000,
      default: null,
      meaning: 'fires when a tool’s misuse score reaches it',
    },
  ],
  TOOL_DEFINITION_CHANGE: [],
}

/** A setting's bounds in words: `a whole number from 1 to 1440`, `a number above 0, at most 1`. */
export function boundsText(spec: ParamSpec): string {
  const what = spec.integer ? 'a whole number' : 'a number'
  return spec.aboveMin
    ? `${what} above ${spec.min}, at most ${spec.max}`
    : `${what} from ${spec.min} to ${spec.max}`
}

/** The form's hint under a setting: its bounds, then the default or that it is required. */
export function paramHint(spec: ParamSpec): string {
  const fallback = spec.default === null ? 'Required.' : `Leave empty for the default, ${spec.default}.`
  return `${capitalised(boundsText(spec))}; ${spec.meaning}. ${fallback}`
}

/** What the form holds while someone types: text, as entered. */
export interface AlertRuleDraft {
  name: string
  kind: AlertRuleKind
  /** Text of every setting, '' when empty (the default applies). */
  params: Record<ParamName, string>
  destinations: AlertDestinationInput[]
  enabled: boolean
}

const NO_PARAMS: Record<ParamName, string> = {
  windowMinutes: '',
  baselineWindows: '',
  factor: '',
  minCount: '',
  minCalls: '',
  threshold: '',
  minScore: '',
}

/** The form's starting values: a new rule (one empty webhook row), or `rule` to edit. */
export function draftOf(rule: ListedAlertRule | null): AlertRuleDraft {
  if (rule === null) {
    return {
      name: '',
      kind: 'DENIAL_SPIKE',
      params: { ...NO_PARAMS },
      destinations: [{ kind: 'WEBHOOK', url: '' }],
      enabled: true,
    }
  }
  const params = { ...NO_PARAMS }
  for (const spec of KIND_PARAMS[rule.kind]) {
    const value = rule.params[spec.name]
    params[spec.name] = value === null ? '' : String(value)
  }
  return {
    name: rule.name,
    kind: rule.kind,
    params,
    destinations: rule.destinations.map((d) => ({ kind: d.kind, url: d.url })),
    enabled: rule.enabled,
  }
}

/** A listed rule as an update that changes nothing but `enabled` (an update replaces every field). */
export function inputOf(rule: ListedAlertRule, enabled: boolean): AlertRuleInput {
  const params: AlertRuleParamsInput = {}
  for (const spec of KIND_PARAMS[rule.kind]) {
    const value = rule.params[spec.name]
    if (value !== null) params[spec.name] = value
  }
  return {
    name: rule.name,
    kind: rule.kind,
    enabled,
    params,
    destinations: rule.destinations.map((d) => ({ kind: d.kind, url: d.url })),
  }
}

/** Plain decimal text only: `Number()` would also take `0x10`, `1e3` or `Infinity`. */
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error })

/** The whole form, checked in the order it reads; the first problem is the answer. */
export function checkAlertRule(form: FormData): Checked<AlertRuleInput> {
  const name = field(form, 'name').trim()
  if (name === '') return fail('Give the rule a name, such as what it warns about.')
  if (name.length > RULE_NAME_MAX) return fail(`The name must be at most ${RULE_NAME_MAX} characters long.`)
  const kind = checkKind(field(form, 'kind'))
  if (!kind.ok) return kind
  const params = checkParams(form, kind.value)
  if (!params.ok) return params
  const destinations = checkDestinations(form)
  if (!destinations.ok) return destinations
  return {
    ok: true,
    value: {
      name,
      kind: kind.value,
      enabled: field(form, 'enabled') === 'on',
      params: params.value,
      destinations: destinations.value,
    },
  }
}

export function checkKind(raw: string): Checked<AlertRuleKind> {
  return (ALERT_RULE_KINDS as readonly string[]).includes(raw)
    ? { ok: true, value: raw as AlertRuleKind }
    : fail('Choose what the rule watches.')
}

/** The kind's settings only (fields of other kinds are ignored); empty ones are left out. */
export function checkParams(form: FormData, kind: AlertRuleKind): Checked<AlertRuleParamsInput> {
  const params: AlertRuleParamsInput = {}
  for (const spec of KIND_PARAMS[kind]) {
    const raw = field(form, spec.name).trim()
    if (raw === '') {
      if (spec.default === null) return fail(`${spec.label} is required for ${KIND_LABELS[kind]} rules.`)
      continue
    }
    const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN
    const inRange =
      Number.isFinite(value) &&
      (!spec.integer || Number.isInteger(value)) &&
      (spec.aboveMin ? value > spec.min : value >= spec.min) &&
      value <= spec.max
    if (!inRange) return fail(`${spec.label} must be ${boundsText(spec)}.`)
    params[spec.name] = value
  }
  return { ok: true, value: params }
}

/** The destination rows: a kind and a URL each, http(s), Slack on hooks.slack.com, no repeats. */
export function checkDestinations(form: FormData): Checked<AlertDestinationInput[]> {
  const kinds = form.getAll('destinationKind')
  const urls = form.getAll('destinationUrl')
  if (urls.length > MAX_DESTINATIONS) return fail(`A rule has at most ${MAX_DESTINATIONS} destinations.`)
  const destinations: AlertDestinationInput[] = []
  for (const [i, rawUrl] of urls.entries()) {
    const which = `Destination ${i + 1}`
    const kind = kinds[i]
    if (kind !== 'WEBHOOK' && kind !== 'SLACK') return fail(`${which}: choose webhook or Slack.`)
    const url = typeof rawUrl === 'string' ? rawUrl.trim() : ''
    if (url === '') return fail(`${which}: enter its URL, or remove the row.`)
    if (url.length > MAX_URL_LENGTH)
      return fail(`${which}: the URL must be at most ${MAX_URL_LENGTH} characters.`)
    const parsed = URL.canParse(url) ? new URL(url) : null
    if (parsed === null || !['http:', 'https:'].includes(parsed.protocol)) {
      return fail(`${which}: enter an http:// or https:// URL.`)
    }
    if (kind === 'SLACK' && (parsed.protocol !== 'https:' || parsed.hostname !== 'hooks.slack.com')) {
      return fail(`${which}: a Slack webhook URL starts with https://hooks.slack.com/.`)
    }
    if (destinations.some((d) => d.url === url)) return fail(`${which}: this URL is listed twice.`)
    destinations.push({ kind, url })
  }
  return { ok: true, value: destinations }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
