import { describe, expect, it } from 'vitest'
import { checkId, checkInvite, checkName, checkPassword, checkRole, checkUsername, field } from './validation'

function form(values: Record<string, string>): FormData {
  const data = new FormData()
  for (const [k, v] of Object.entries(values)) data.set(k, v)
  return data
}

describe('checkInvite', () => {
  it('accepts a valid invite, trimming the username but not the password', () => {
    expect(
      checkInvite(form({ username: ' ivan.k@ops ', password: ' twelve chars', role: 'INVESTIGATOR' })),
    ).toEqual({
      ok: true,
      value: { username: 'ivan.k@ops', password: ' twelve chars', role: 'INVESTIGATOR' },
    })
  })

  it('answers the first problem in the order of the form', () => {
    expect(checkInvite(form({ username: '', password: 'x', role: 'GOD' }))).toEqual({
      ok: false,
      error: 'Enter a username.',
    })
    expect(checkInvite(form({ username: 'ivan', password: 'elevenchars', role: 'GOD' }))).toEqual({
      ok: false,
      error: 'The password must be at least 12 characters long.',
    })
    expect(checkInvite(form({ username: 'ivan', password: 'twelve-chars', role: 'GOD' }))).toEqual({
      ok: false,
      error: 'Choose a role: admin, investigator or viewer.',
    })
  })
})

describe('checkUsername', () => {
  it('takes the api’s pattern: 1–64 characters, a letter or digit first', () => {
    expect(checkUsername('a').ok).toBe(true)
    expect(checkUsername('a'.repeat(64)).ok).toBe(true)
    expect(checkUsername('a'.repeat(65)).ok).toBe(false)
    expect(checkUsername('_ivan').ok).toBe(false)
    expect(checkUsername('ivan kay').ok).toBe(false)
  })
})

describe('checkPassword', () => {
  it('accepts 12 to 256 characters', () => {
    expect(checkPassword('x'.repeat(11))).toEqual({
      ok: false,
      error: 'The password must be at least 12 characters long.',
    })
    expect(checkPassword('x'.repeat(12))).toEqual({ ok: true, value: 'x'.repeat(12) })
    expect(checkPassword('x'.repeat(256)).ok).toBe(true)
    expect(checkPassword('x'.repeat(257))).toEqual({
      ok: false,
      error: 'The password must be at most 256 characters long.',
    })
  })
})

describe('checkName', () => {
  it('trims, and refuses empty or longer than the limit', () => {
    expect(checkName('  ci  ', 100)).toEqual({ ok: true, value: 'ci' })
    expect(checkName('   ', 100)).toEqual({
      ok: false,
      error: 'Give it a name, such as where it will be used.',
    })
    expect(checkName('x'.repeat(100), 100).ok).toBe(true)
    expect(checkName('x'.repeat(101), 100)).toEqual({
      ok: false,
      error: 'The name must be at most 100 characters long.',
    })
  })
})

describe('checkRole and checkId', () => {
  it('accepts only the three roles, in the api’s spelling', () => {
    expect(checkRole('VIEWER')).toEqual({ ok: true, value: 'VIEWER' })
    expect(checkRole('viewer').ok).toBe(false)
  })

  it('refuses a missing or oversized id', () => {
    expect(checkId('tok_1', 'token')).toEqual({ ok: true, value: 'tok_1' })
    expect(checkId('', 'token')).toEqual({ ok: false, error: 'This token is not known. Reload the page.' })
    expect(checkId('x'.repeat(201), 'token').ok).toBe(false)
  })
})

describe('field', () => {
  it('reads a string field, and a missing one or a file as empty', () => {
    const data = form({ name: 'ci' })
    data.set('upload', new Blob(['x']))
    expect(field(data, 'name')).toBe('ci')
    expect(field(data, 'nope')).toBe('')
    expect(field(data, 'upload')).toBe('')
  })
})
