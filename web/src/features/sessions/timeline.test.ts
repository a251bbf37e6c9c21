import { describe, expect, it } from 'vitest'
import type { StepFieldsFragment } from '../../graphql/generated'
import { durationShare, outcomeTone, sourceAge, stepFlags } from './timeline'

const step = (over: Partial<StepFieldsFragment>): StepFieldsFragment =>
  ({
    injectionSuspected: false,
    flagRules: [],
    sideEffect: 'read',
    approval: '',
    audienceMatch: 'match',
    untrusted: false,
    redactedFields: [],
    callerFault: false,
    errorType: '',
    ...over,
  }) as StepFieldsFragment

describe('stepFlags', () => {
  it('flags nothing on an ordinary read', () => {
    expect(stepFlags(step({}))).toEqual([])
  })

  it('flags injection, unapproved writes, audience mismatch, untrusted output, redaction and caller faults in that order', () => {
    const flags = stepFlags(
      step({
        injectionSuspected: true,
        flagRules: ['ignore-previous'],
        sideEffect: 'write',
        approval: 'none',
        audienceMatch: 'mismatch',
        untrusted: true,
        redactedFields: ['ssn', 'email'],
        callerFault: true,
        errorType: '-32602',
      }),
    )
    expect(flags.map((f) => f.label)).toEqual([
      'injection suspected',
      'write without approval',
      'audience mismatch',
      'untrusted content',
      '2 redacted',
      'caller fault',
    ])
    expect(flags[0]!.title).toContain('ignore-previous')
  })

  it('does not flag an approved write', () => {
    expect(stepFlags(step({ sideEffect: 'write', approval: 'approved' }))).toEqual([])
  })
})

describe('outcomeTone', () => {
  it.each([
    ['ok', 'good'],
    ['denied', 'bad'],
    ['error', 'bad'],
    ['partial', 'warn'],
    ['', ''],
  ])('%s → %s', (outcome, tone) => expect(outcomeTone(outcome)).toBe(tone))
})

describe('durationShare', () => {
  it('scales to the slowest step and never vanishes', () => {
    expect(durationShare(50, 200)).toBe(25)
    expect(durationShare(0.001, 200)).toBe(1)
    expect(durationShare(10, 0)).toBe(1)
  })
})

describe('sourceAge', () => {
  it('is the time between the source’s as-of and the read', () => {
    expect(sourceAge('2026-11-21T10:00:00Z', '2026-11-21T12:30:00Z')).toBe(2.5 * 3_600_000)
    expect(sourceAge(null, '2026-11-21T12:30:00Z')).toBeNull()
  })
})
