import { describe, expect, it } from 'vitest'
import { WebError } from '../../errors'
import { refusalMessage } from './refusal'

describe('refusalMessage', () => {
  it('shows the api’s own words for bad input (the last-admin refusal)', () => {
    const message = '"admin" is the last admin of project "default": make another member ADMIN first'
    expect(refusalMessage(new WebError('BAD_USER_INPUT', message))).toBe(message)
  })

  it('explains a forbidden change and an unreachable api without internals', () => {
    expect(refusalMessage(new WebError('FORBIDDEN', 'Your role does not allow this in project "x"'))).toBe(
      'Only admins of this project can do this.',
    )
    expect(
      refusalMessage(new WebError('API_UNAVAILABLE', 'The Tollgate api at http://10.0.0.1 did not answer')),
    ).toBe('The Tollgate api is not reachable. Try again in a moment.')
    expect(refusalMessage(new WebError('API_ERROR', 'boom'))).toBe(
      'The api could not make this change. Try again in a moment.',
    )
  })

  it('is null for anything else, so redirects and bugs propagate', () => {
    expect(refusalMessage(new Error('NEXT_REDIRECT'))).toBeNull()
  })
})
