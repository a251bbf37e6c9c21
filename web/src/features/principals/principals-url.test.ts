import { describe, expect, it } from 'vitest'
import { parsePrincipalsState, serializePrincipalsState, sessionsFilterOf } from './principals-url'

describe('parsePrincipalsState', () => {
  it('reads the kind (any case) and the cursor', () => {
    expect(parsePrincipalsState(new URLSearchParams('kind=AGENT&after=c2'))).toEqual({
      kind: 'AGENT',
      after: 'c2',
    })
    expect(parsePrincipalsState({ kind: 'client' })).toEqual({ kind: 'CLIENT' })
  })

  it('shows users for a missing or unknown kind', () => {
    expect(parsePrincipalsState({})).toEqual({ kind: 'USER' })
    expect(parsePrincipalsState({ kind: 'ROBOT', after: '' })).toEqual({ kind: 'USER' })
  })
})

describe('serializePrincipalsState', () => {
  it('writes no kind for users and round-trips the others', () => {
    expect(serializePrincipalsState({ kind: 'USER' })).toEqual({ kind: undefined, after: undefined })
    for (const state of [
      { kind: 'AGENT', after: 'x' },
      { kind: 'CLIENT' },
      { kind: 'USER', after: 'y' },
    ] as const) {
      const query = new URLSearchParams()
      for (const [k, v] of Object.entries(serializePrincipalsState(state)))
        if (v !== undefined) query.set(k, v)
      expect(parsePrincipalsState(query)).toEqual(state)
    }
  })
})

describe('sessionsFilterOf', () => {
  it('filters sessions by the principal’s own kind', () => {
    expect(sessionsFilterOf('USER', 'alice')).toEqual({ user: 'alice' })
    expect(sessionsFilterOf('AGENT', 'planner')).toEqual({ agent: 'planner' })
    expect(sessionsFilterOf('CLIENT', 'cli-1')).toEqual({ client: 'cli-1' })
  })
})
