import { describe, expect, it } from 'vitest'
import { placeBar, sessionIdOf } from './waterfall'

describe('placeBar', () => {
  it('places a span by its offset and duration', () => {
    expect(placeBar(25, 50, 100)).toEqual({ left: 25, width: 50 })
  })

  it('keeps an instant span visible', () => {
    expect(placeBar(10, 0, 100)).toEqual({ left: 10, width: 0.5 })
  })

  it('clamps a span that seems to end after its trace (clock skew)', () => {
    expect(placeBar(90, 50, 100)).toEqual({ left: 90, width: 10 })
    expect(placeBar(-5, 10, 100)).toEqual({ left: 0, width: 10 })
  })

  it('fills the track for a trace without duration', () => {
    expect(placeBar(0, 0, 0)).toEqual({ left: 0, width: 100 })
  })
})

describe('sessionIdOf', () => {
  it('reads mcp.session.id', () => {
    expect(
      sessionIdOf([
        { key: 'a', value: '1' },
        { key: 'mcp.session.id', value: 's-9' },
      ]),
    ).toBe('s-9')
    expect(sessionIdOf([])).toBeNull()
  })
})
