import { describe, expect, it } from 'vitest'
import { describeParams, type RuleParams } from './alert-rules'

const none: RuleParams = {
  windowMinutes: null,
  baselineWindows: null,
  factor: null,
  minCount: null,
  minCalls: null,
  threshold: null,
  minScore: null,
}

describe('describeParams', () => {
  it('writes a rate rule’s threshold, window and minimum calls', () => {
    expect(describeParams({ ...none, threshold: 0.05, windowMinutes: 5, minCalls: 20 })).toBe(
      'above 5.0% · window 5 min · at least 20 calls',
    )
  })

  it('writes a spike rule’s factor, window, baseline and minimum denials', () => {
    expect(describeParams({ ...none, factor: 3, windowMinutes: 5, baselineWindows: 12, minCount: 10 })).toBe(
      '3× baseline · window 5 min · baseline 12 windows · at least 10 denials',
    )
  })

  it('is empty for a kind without settings', () => {
    expect(describeParams(none)).toBe('')
  })
})
