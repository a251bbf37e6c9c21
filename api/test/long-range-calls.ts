import { ns } from './graphql-helpers'

/**
 * Calls over eight days (past the rollup threshold) at non-aligned times, for the tests of the rollup read path: rows in
 * the partial first and last minutes of {@link LONG_RANGE}, on its very edges, just outside
 * it, client-side twins, refused connections, and a spread of outcomes and durations. The
 * expectations are computed here in plain code from the same rows, independently of SQL.
 */

const DAY = 86_400_000
// Nine days ago at 00:00 UTC: inside the raw rows' retention (a row already past its TTL is
// dropped on insert, while its rollup minute is kept for 400 days).
const L0 = Math.floor(Date.now() / DAY) * DAY - 9 * DAY

/** `[L0 + 17.3 s, L0 + 8 d + 41.7 s)`: both ends inside a minute. */
export const LONG_RANGE = { fromMs: L0 + 17_300, toMs: L0 + 8 * DAY + 41_700 }

/** One day inside {@link LONG_RANGE}, ragged at both ends (5-minute buckets). */
export const DAY_RANGE = { fromMs: L0 + 2 * DAY + 7_700, toMs: L0 + 3 * DAY + 13_100 }

export interface LongRangeCall {
  ms: number
  durationMs: number
  spanKind: string
  target: string
  outcome: string
  callerFault: number
  denialSource: string
  userId: string
}

/** A small deterministic PRNG (mulberry32): the same rows on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** `count` random calls plus the edge cases; some fall outside {@link LONG_RANGE} on purpose. */
export function longRangeCalls(count = 2_000): LongRangeCall[] {
  const random = prng(42)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const { fromMs, toMs } = LONG_RANGE
  const calls: LongRangeCall[] = []
  const add = (ms: number, extra: Partial<LongRangeCall> = {}) => {
    const roll = random()
    const outcome = roll < 0.7 ? 'ok' : roll < 0.82 ? 'error' : roll < 0.95 ? 'denied' : 'partial'
    calls.push({
      ms,
      durationMs: 1 + Math.floor(random() * 500),
      spanKind: random() < 0.1 ? 'CLIENT' : 'SERVER',
      target: pick(['search', 'update_account', 'delete_account', 'send_mail']),
      outcome,
      callerFault: outcome === 'error' && random() < 0.4 ? 1 : 0,
      denialSource: outcome === 'denied' ? pick(['explicit', 'inferred']) : '',
      userId: pick(['u1', 'u2', 'u3', '']),
      ...extra,
    })
  }
  // Spread from a minute before the range to two minutes after it.
  for (let i = 0; i < count; i++) add(fromMs - 60_000 + Math.floor(random() * (toMs - fromMs + 180_000)))
  // The partial first minute: before the range, on its start, inside; same for the last minute.
  const firstWhole = Math.ceil(fromMs / 60_000) * 60_000
  const lastPartial = Math.floor(toMs / 60_000) * 60_000
  for (const ms of [fromMs - 1, fromMs, fromMs + 1, fromMs + 20_000, firstWhole - 1]) add(ms)
  for (const ms of [lastPartial, toMs - 30_000, toMs - 1, toMs, toMs + 1]) add(ms)
  // The first and last whole minutes, on and next to their boundaries.
  for (const ms of [firstWhole, firstWhole + 1, firstWhole + 59_999, lastPartial - 60_000, lastPartial - 1])
    add(ms)
  // Refused connections: denial source 'auth', one of them without a server span kind.
  add(fromMs + 5_000, { outcome: 'denied', denialSource: 'auth', target: '', spanKind: 'SERVER' })
  add(fromMs + DAY + 3_333, { outcome: 'denied', denialSource: 'auth', target: '', spanKind: 'UNSPECIFIED' })
  add(toMs - 2_000, { outcome: 'denied', denialSource: 'auth', target: '', spanKind: 'SERVER' })
  return calls
}

/**
 * Calls on and next to the edges of {@link DAY_RANGE} (all inside {@link LONG_RANGE}), for
 * a shorter range whose partial minutes hold rows too.
 */
export function dayRangeEdgeCalls(): LongRangeCall[] {
  const { fromMs, toMs } = DAY_RANGE
  const firstWhole = Math.ceil(fromMs / 60_000) * 60_000
  const lastPartial = Math.floor(toMs / 60_000) * 60_000
  const edges = [
    fromMs - 1,
    fromMs,
    fromMs + 1,
    firstWhole - 1,
    firstWhole,
    lastPartial - 1,
    lastPartial,
    toMs - 1,
    toMs,
  ]
  return edges.map((ms, i) => ({
    ms,
    durationMs: 10 + 37 * i,
    spanKind: 'SERVER',
    target: 'search',
    outcome: ['ok', 'error', 'denied'][i % 3] as string,
    callerFault: 0,
    denialSource: i % 3 === 2 ? 'explicit' : '',
    userId: 'u1',
  }))
}

/** The `mcp_calls` row of a call, every row with the same keys. */
export function callRow(projectId: string, call: LongRangeCall) {
  return {
    project_id: projectId,
    timestamp: ns(call.ms),
    duration_ns: String(call.durationMs * 1_000_000),
    span_kind: call.spanKind,
    method: call.target === '' ? '' : 'tools/call',
    target: call.target,
    outcome: call.outcome,
    caller_fault: call.callerFault,
    denial_source: call.denialSource,
    user_id: call.userId,
    scopes: [],
  }
}

/** Whether `call` lies in `[fromMs, toMs)`. */
export const inRange = (call: LongRangeCall, range = LONG_RANGE) =>
  call.ms >= range.fromMs && call.ms < range.toMs

/** The exact `p`-quantile of `values` with linear interpolation (what `quantile` estimates). */
export function exactQuantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * p
  const below = Math.floor(position)
  const above = Math.min(below + 1, sorted.length - 1)
  return (
    (sorted[below] as number) + ((sorted[above] as number) - (sorted[below] as number)) * (position - below)
  )
}
