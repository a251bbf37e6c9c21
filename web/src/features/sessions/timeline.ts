import type { StepFieldsFragment } from '../../graphql/generated'

/** The colour a call's outcome gets (a badge class). */
export type Tone = 'good' | 'bad' | 'warn' | ''

export function outcomeTone(outcome: string): Tone {
  if (outcome === 'ok') return 'good'
  if (outcome === 'denied' || outcome === 'error') return 'bad'
  if (outcome === 'partial') return 'warn'
  return ''
}

/** A marker on a step worth a reviewer's eye. */
export interface StepFlag {
  label: string
  tone: Tone
  title: string
}

/** What is notable about a step, most serious first. */
export function stepFlags(step: StepFieldsFragment): StepFlag[] {
  const flags: StepFlag[] = []
  if (step.injectionSuspected) {
    flags.push({
      label: 'injection suspected',
      tone: 'bad',
      title: `Detector rules fired on the output: ${step.flagRules.join(', ') || 'unnamed'}`,
    })
  }
  if (step.sideEffect === 'write' && step.approval === 'none') {
    flags.push({
      label: 'write without approval',
      tone: 'bad',
      title: 'A write call with no approved approval',
    })
  }
  if (step.audienceMatch === 'mismatch') {
    flags.push({
      label: 'audience mismatch',
      tone: 'bad',
      title: 'The token was issued for another resource',
    })
  }
  if (step.untrusted)
    flags.push({ label: 'untrusted content', tone: 'warn', title: 'The output carries untrusted content' })
  if (step.redactedFields.length > 0) {
    flags.push({
      label: `${step.redactedFields.length} redacted`,
      tone: '',
      title: `Redacted by the SDK: ${step.redactedFields.join(', ')}`,
    })
  }
  if (step.callerFault)
    flags.push({ label: 'caller fault', tone: 'warn', title: `The caller’s error (${step.errorType})` })
  return flags
}

/** Width of a step's duration bar, in percent of the page's slowest step (at least 1 %, so it shows). */
export function durationShare(durationMs: number, slowestMs: number): number {
  if (!(slowestMs > 0) || !(durationMs > 0)) return 1
  return Math.max(1, Math.min(100, (durationMs / slowestMs) * 100))
}

/** How old a source was when it was read: `asOf` against the call time; null when unknown. */
export function sourceAge(asOf: string | null, readAt: string): number | null {
  if (asOf === null) return null
  const age = Date.parse(readAt) - Date.parse(asOf)
  return Number.isFinite(age) ? Math.max(0, age) : null
}
