import type { MisuseSignals } from './models/tool-stats.model'

/**
 * How much each signal weighs in the ranking. Injection and unapproved writes are what a
 * security reviewer looks at first; invalid arguments and retries are usually a confused model.
 */
export const MISUSE_WEIGHTS: Readonly<Record<keyof MisuseSignals, number>> = {
  injectionSuspected: 5,
  writesWithoutApproval: 4,
  denied: 3,
  unknownTool: 2,
  invalidArguments: 1,
  retryLoops: 1,
}

/** The ranking key of a tool: the weighted sum of its signals. */
export function misuseScore(signals: MisuseSignals): number {
  let score = 0
  for (const [signal, weight] of Object.entries(MISUSE_WEIGHTS)) {
    score += weight * signals[signal as keyof MisuseSignals]
  }
  return score
}
