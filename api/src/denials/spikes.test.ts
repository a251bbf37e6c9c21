import { describe, expect, it } from 'vitest'
import { spikeFlags } from './spikes'

describe('spikeFlags', () => {
  it('marks a burst above a steady baseline', () => {
    expect(spikeFlags([1, 0, 2, 1, 0, 1, 12, 1, 0])).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
    ])
  })

  it('does not mark small counts, however sudden', () => {
    expect(spikeFlags([0, 0, 0, 2, 0])).toEqual([false, false, false, false, false])
  })

  it('does not mark a steady high level', () => {
    expect(spikeFlags([10, 11, 9, 10, 12, 10]).some(Boolean)).toBe(false)
  })

  it('handles a single bucket and an empty range', () => {
    expect(spikeFlags([50])).toEqual([false])
    expect(spikeFlags([])).toEqual([])
  })
})
