import { describe, expect, it } from 'vitest'
import { countKpi, durationKpi, rate, rateKpi } from './kpi'

describe('rate', () => {
  it('divides, and is a gap (null) without a whole rather than 0', () => {
    expect(rate(1, 4)).toBe(0.25)
    expect(rate(0, 4)).toBe(0)
    expect(rate(0, 0)).toBeNull()
  })
})

describe('countKpi', () => {
  it('formats the count and keeps both periods', () => {
    expect(countKpi('Denials', 1234, 99, 'up')).toEqual({
      label: 'Denials',
      value: '1,234',
      current: 1234,
      previous: 99,
      worseWhen: 'up',
    })
  })
})

describe('rateKpi', () => {
  it('compares the two rates, higher being worse', () => {
    expect(rateKpi('Denial rate', { calls: 10, rate: 0.1 }, { calls: 5, rate: 0.2 })).toEqual({
      label: 'Denial rate',
      value: '10%',
      current: 0.1,
      previous: 0.2,
      worseWhen: 'up',
    })
  })

  it('drops the rate of a period without calls (the api answers 0 there)', () => {
    const kpi = rateKpi('Error rate', { calls: 0, rate: 0 }, { calls: 0, rate: 0 })
    expect([kpi.value, kpi.current, kpi.previous]).toEqual(['—', null, null])
  })
})

describe('durationKpi', () => {
  it('formats the latency, slower being worse', () => {
    expect(durationKpi('p95 latency', 42, null)).toEqual({
      label: 'p95 latency',
      value: '42 ms',
      current: 42,
      previous: null,
      worseWhen: 'up',
    })
  })
})
