/**
 * How far each copy of a template session may move in time. The engine picks the
 * offset of copy k from a hash of (session, k) within the bounds computed here, so a
 * session moves as a whole (its step order and think times stay) and stays:
 * - inside the seeded range (no call before the start or in the last seconds);
 * - inside its spike's window when it belongs to a denial spike (spikes stay spikes);
 * - on the same side of every tool-definition change when it lists tools (a copy never
 *   lists a definition before it existed or after it was replaced).
 */
import type { CallPlan } from '../call-plan'
import { END_MARGIN_MS } from '../traffic'

/** Ordinary sessions move by up to this much either way: the daily rhythm stays sharp. */
export const JITTER_MS = 30 * 60_000

/** Offsets (whole ms) a copy of one session may take: loMs ≤ offset ≤ hiMs, 0 always allowed. */
export interface OffsetBounds {
  loMs: number
  hiMs: number
}

/** Where the session's copies may go. */
export interface OffsetLimits {
  startMs: number
  endMs: number
  /** The window of the spike the session belongs to, null for ordinary traffic. */
  spikeWindow: { startMs: number; endMs: number } | null
  /** Unix ms at which `server`'s tool list changes. */
  changeTimes: (server: string) => readonly number[]
}

/** Bounds for the calls of one session (or one session-less call), in step order. */
export function offsetBounds(plans: readonly CallPlan[], limits: OffsetLimits): OffsetBounds {
  const first = plans[0]!
  const last = plans[plans.length - 1]!
  let lo = -JITTER_MS
  let hi = JITTER_MS
  const window = limits.spikeWindow
  if (window !== null) {
    lo = window.startMs - first.startMs
    hi = window.endMs - first.startMs
  }
  // The agent's CLIENT span starts 1.5 ms before the call (call-rows.ts).
  lo = Math.max(lo, limits.startMs - (first.startMs - 1.5))
  hi = Math.min(hi, limits.endMs - END_MARGIN_MS - last.startMs)
  for (const plan of plans) {
    if (plan.toolList === null) continue
    for (const change of limits.changeTimes(plan.server.name)) {
      if (change > plan.startMs) hi = Math.min(hi, change - plan.startMs - 1)
      else lo = Math.max(lo, change - plan.startMs)
    }
  }
  const loMs = Math.ceil(lo)
  const hiMs = Math.floor(hi)
  // The template itself satisfies every limit: offset 0 is the safe fallback.
  return loMs <= 0 && hiMs >= 0 ? { loMs, hiMs } : { loMs: 0, hiMs: 0 }
}
