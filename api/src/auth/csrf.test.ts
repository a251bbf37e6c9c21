import { describe, expect, it } from 'vitest'
import { checkCsrfToken, checkOrigin } from './csrf'
import { hashSessionToken } from './session-token'

describe('checkOrigin', () => {
  it('passes requests without Origin, or with the origin of the requested host', () => {
    expect(checkOrigin({ host: 'tollgate:4000' })).toBeNull()
    expect(checkOrigin({ origin: 'http://tollgate:4000', host: 'tollgate:4000' })).toBeNull()
    expect(checkOrigin({ origin: 'https://Tollgate.example', host: 'tollgate.example' })).toBeNull()
    expect(
      checkOrigin({
        origin: 'https://dash.example',
        host: '127.0.0.1:4000',
        'x-forwarded-host': 'dash.example',
      }),
    ).toBeNull()
  })

  it('refuses another host or port, an opaque "null" origin and non-http schemes', () => {
    for (const origin of ['http://tollgate:3000', 'https://evil.example', 'null', 'file:///x', 'not a url']) {
      expect(checkOrigin({ origin, host: 'tollgate:4000' })?.code, origin).toBe('FORBIDDEN')
    }
    expect(checkOrigin({ origin: ['http://tollgate:4000'], host: 'tollgate:4000' })?.code).toBe('FORBIDDEN')
  })
})

describe('checkCsrfToken', () => {
  const token = 'csrf-token-value'
  it('passes the matching token and says what is wrong otherwise', () => {
    expect(checkCsrfToken(token, hashSessionToken(token))).toBeNull()
    expect(checkCsrfToken(undefined, hashSessionToken(token))?.message).toMatch(
      /must send the x-tollgate-csrf header/,
    )
    expect(checkCsrfToken('other', hashSessionToken(token))?.message).toMatch(/does not match/)
    expect(checkCsrfToken([token, token], hashSessionToken(token))?.code).toBe('FORBIDDEN')
    expect(checkCsrfToken('x'.repeat(10_000), hashSessionToken(token))?.code).toBe('FORBIDDEN')
  })
})
