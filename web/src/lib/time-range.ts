/**
 * The dashboard's global time range, kept in the URL so every view is a shareable link:
 * `?range=24h` for a preset (relative to now), `?from=…&to=…` (ISO 8601) for a fixed window.
 * Anything else in the URL falls back to the default preset, with the reason, so a mangled
 * link still opens a page and says why it shows something else.
 */

/** Presets, shortest first. The api accepts at most 92 days. */
export const PRESETS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
} as const

export type Preset = keyof typeof PRESETS

export const DEFAULT_PRESET: Preset = '24h'

/** Longest window the api answers (`MAX_RANGE_DAYS` in the api). */
export const MAX_RANGE_MS = 92 * 86_400_000

/** What the URL says. */
export type RangeState = { kind: 'preset'; preset: Preset } | { kind: 'fixed'; fromMs: number; toMs: number }

/** A parsed URL range, and why the URL's own value was not used (null when it was). */
export interface ParsedRange {
  state: RangeState
  problem: string | null
}

/** Absolute bounds, unix ms, `from` inclusive, `to` exclusive. */
export interface Window {
  fromMs: number
  toMs: number
}

const DEFAULT_STATE: RangeState = { kind: 'preset', preset: DEFAULT_PRESET }

/** Reads the range from URL search params (`URLSearchParams` or Next's `searchParams` record). */
export function parseRange(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): ParsedRange {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined
    const value = params[key]
    return Array.isArray(value) ? value[0] : value
  }
  const from = get('from')
  const to = get('to')
  if (from !== undefined || to !== undefined) return parseFixed(from, to)
  const range = get('range')
  if (range === undefined) return { state: DEFAULT_STATE, problem: null }
  if (isPreset(range)) return { state: { kind: 'preset', preset: range }, problem: null }
  return { state: DEFAULT_STATE, problem: `unknown range "${range.slice(0, 20)}"` }
}

function parseFixed(from: string | undefined, to: string | undefined): ParsedRange {
  const fromMs = from === undefined ? Number.NaN : Date.parse(from)
  const toMs = to === undefined ? Number.NaN : Date.parse(to)
  let problem: string | null = null
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) problem = '`from` and `to` must both be dates'
  else if (toMs <= fromMs) problem = '`to` must be after `from`'
  else if (toMs - fromMs > MAX_RANGE_MS) problem = 'a range can span at most 92 days'
  if (problem !== null) return { state: DEFAULT_STATE, problem }
  return { state: { kind: 'fixed', fromMs, toMs }, problem: null }
}

function isPreset(value: string): value is Preset {
  return Object.hasOwn(PRESETS, value)
}

/**
 * The window a state covers at `nowMs`. A preset ends at the next whole minute, so the pages
 * of one view rendered within a minute ask the api the same question.
 */
export function resolveWindow(state: RangeState, nowMs: number): Window {
  if (state.kind === 'fixed') return { fromMs: state.fromMs, toMs: state.toMs }
  const toMs = Math.ceil(nowMs / 60_000) * 60_000
  return { fromMs: toMs - PRESETS[state.preset], toMs }
}

/** The window of the same length just before `window` (the KPI tiles' "vs previous period"). */
export function previousWindow(window: Window): Window {
  const length = window.toMs - window.fromMs
  return { fromMs: window.fromMs - length, toMs: window.fromMs }
}

/**
 * `params` with the range set to `state`; every other parameter (filters, tabs) is kept, and
 * the range's own keys are written in one form only.
 */
export function withRange(params: URLSearchParams, state: RangeState): URLSearchParams {
  const next = new URLSearchParams(params)
  next.delete('range')
  next.delete('from')
  next.delete('to')
  if (state.kind === 'preset') {
    if (state.preset !== DEFAULT_PRESET) next.set('range', state.preset)
  } else {
    next.set('from', new Date(state.fromMs).toISOString())
    next.set('to', new Date(state.toMs).toISOString())
  }
  return next
}

/**
 * A range of the same length as `params`' that holds the instant `atMs`: the page's own range
 * when it already does, else a fixed window centred on `atMs` (whole minutes). Links from one
 * recorded event (a session step's source) use it, so the page they open always shows that
 * event, whatever range the user was browsing with.
 */
export function rangeHolding(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  atMs: number,
  nowMs: number,
): URLSearchParams {
  const { state } = parseRange(params)
  const window = resolveWindow(state, nowMs)
  if (!Number.isFinite(atMs) || (atMs >= window.fromMs && atMs < window.toMs)) {
    return withRange(new URLSearchParams(), state)
  }
  const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000
  const fromMs = minute(atMs - (window.toMs - window.fromMs) / 2)
  // NB: rounding can leave a range of a minute or two ending before `atMs`: end after it.
  const toMs = Math.max(fromMs + (window.toMs - window.fromMs), minute(atMs) + 60_000)
  return withRange(new URLSearchParams(), { kind: 'fixed', fromMs, toMs })
}
