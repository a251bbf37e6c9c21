import { describe, expect, it } from 'vitest'
import { createRedactor } from './index.js'
import { KeyMatcher, normalizeKey } from './keys.js'

describe('normalizeKey', () => {
  it('lower-cases and drops - and _', () => {
    expect(normalizeKey('apiKey')).toBe('apikey')
    expect(normalizeKey('api_key')).toBe('apikey')
    expect(normalizeKey('API-KEY')).toBe('apikey')
    expect(normalizeKey('Set-Cookie')).toBe('setcookie')
  })
})

describe('KeyMatcher', () => {
  const keys = new KeyMatcher()

  it.each([
    ['password', 'key:password'],
    ['passwd', 'key:passwd'],
    ['pwd', 'key:pwd'],
    ['secret', 'key:secret'],
    ['client_secret', 'key:clientsecret'],
    ['token', 'key:token'],
    ['access_token', 'key:accesstoken'],
    ['refreshToken', 'key:refreshtoken'],
    ['id_token', 'key:idtoken'],
    ['api_key', 'key:apikey'],
    ['apiKey', 'key:apikey'],
    ['API-KEY', 'key:apikey'],
    ['x-api-key', 'key:xapikey'],
    ['Authorization', 'key:authorization'],
    ['cookie', 'key:cookie'],
    ['set-cookie', 'key:setcookie'],
    ['session', 'key:session'],
    ['private_key', 'key:privatekey'],
    ['credentials', 'key:credentials'],
    ['cvv', 'key:cvv'],
  ])('names %s a secret with rule %s', (key, rule) => {
    expect(keys.info(key).rule).toBe(rule)
  })

  it.each([
    ['dbPassword', 'key:password'],
    ['AWS_SECRET_ACCESS_KEY', 'key:secret'],
    ['stripeApiKey', 'key:apikey'],
    ['githubToken', 'key:token'],
    ['X-Auth-Token', 'key:token'],
    ['upstream-authorization', 'key:authorization'],
    ['sessionCookie', 'key:cookie'],
  ])('catches %s by its stem (%s)', (key, rule) => {
    expect(keys.info(key).rule).toBe(rule)
  })

  it.each([
    'max_tokens',
    'input_tokens',
    'tokenCount',
    'pageToken',
    'nextPageToken',
    'progressToken',
    'name',
    'id',
  ])('leaves %s alone', (key) => {
    expect(keys.info(key).rule).toBeUndefined()
  })

  it('marks only authorization, proxy-authorization, cookie and set-cookie as always removed', () => {
    expect(keys.info('Authorization').always).toBe('key:authorization')
    expect(keys.info('Proxy-Authorization').always).toBe('key:proxyauthorization')
    expect(keys.info('Cookie').always).toBe('key:cookie')
    expect(keys.info('Set-Cookie').always).toBe('key:setcookie')
    expect(keys.info('password').always).toBeUndefined()
    expect(keys.info('token').always).toBeUndefined()
  })

  it('recognizes authInfo and token for the authInfo.token rule', () => {
    expect(keys.info('authInfo').authInfo).toBe(true)
    expect(keys.info('auth_info').authInfo).toBe(true)
    expect(keys.info('token').token).toBe(true)
    expect(keys.info('accessToken').token).toBe(false)
  })

  it('adds user names, normalized, and user regexes tested on the key as written', () => {
    const custom = new KeyMatcher(['SSN_Number', /^internal\./g, 42])
    expect(custom.info('ssnNumber').rule).toBe('key:ssnnumber')
    expect(custom.info('ssn-number').rule).toBe('key:ssnnumber')
    // A global regex would alternate true/false through lastIndex; the matcher strips the flag.
    expect(custom.info('internal.a').rule).toBe('key:internal.a')
    expect(custom.info('internal.b').rule).toBe('key:internal.b')
    expect(custom.info('Internal.c').rule).toBeUndefined()
  })
})

describe('createRedactor key rules', () => {
  it('replaces the whole value of a secret key, whatever its type', () => {
    const out = createRedactor()(
      { password: 'hunter2', credentials: { user: 'u', pass: 'p' }, apiKeys: ['a', 'b'], pin: 1234 },
      'arguments',
    )
    expect(JSON.parse(out.text!)).toEqual({
      password: '[REDACTED:key:password]',
      credentials: '[REDACTED:key:credentials]',
      apiKeys: '[REDACTED:key:apikey]',
      pin: 1234,
    })
    expect(out.redactions).toEqual([
      { field: 'arguments.password', rule: 'key:password' },
      { field: 'arguments.credentials', rule: 'key:credentials' },
      { field: 'arguments.apiKeys', rule: 'key:apikey' },
    ])
  })

  it('skips keys whose value JSON drops anyway', () => {
    const out = createRedactor()({ password: undefined, token: () => 'x', name: 'n' }, 'arguments')
    expect(out.text).toBe('{"name":"n"}')
    expect(out.redactions).toEqual([])
  })

  it('matches user key names in every spelling', () => {
    const redact = createRedactor({ keys: ['accountNumber'] })
    const out = redact({ account_number: 1, 'ACCOUNT-NUMBER': 2, accountNumbers: 3 }, 'arguments')
    expect(JSON.parse(out.text!)).toEqual({
      account_number: '[REDACTED:key:accountnumber]',
      'ACCOUNT-NUMBER': '[REDACTED:key:accountnumber]',
      accountNumbers: 3,
    })
  })

  it('always removes authorization and cookie headers and authInfo.token, even in mode full', () => {
    const redact = createRedactor({ mode: 'full' })
    const headers = {
      authorization: 'Bearer abc',
      'proxy-authorization': 'Basic xyz',
      Cookie: 'sid=1',
      'set-cookie': ['a=1', 'b=2'],
      'x-api-key': 'kept in full mode',
    }
    const out = redact(headers, 'headers')
    expect(JSON.parse(out.text!)).toEqual({
      authorization: '[REDACTED:key:authorization]',
      'proxy-authorization': '[REDACTED:key:proxyauthorization]',
      Cookie: '[REDACTED:key:cookie]',
      'set-cookie': '[REDACTED:key:setcookie]',
      'x-api-key': 'kept in full mode',
    })
    expect(out.redactions.map((r) => r.field)).toEqual([
      'headers.authorization',
      'headers.proxy-authorization',
      'headers.Cookie',
      'headers.set-cookie',
    ])

    const params = redact(
      { authInfo: { token: 'tok', clientId: 'c', scopes: ['s'] }, token: 'kept' },
      'params',
    )
    expect(JSON.parse(params.text!)).toEqual({
      authInfo: { token: '[REDACTED:key:token]', clientId: 'c', scopes: ['s'] },
      token: 'kept',
    })
    expect(params.redactions).toEqual([{ field: 'params.authInfo.token', rule: 'key:token' }])
  })

  it('treats a root named authInfo as the authInfo object', () => {
    const out = createRedactor({ mode: 'full' })({ token: 'tok', clientId: 'c' }, 'authInfo')
    expect(out.text).toBe('{"token":"[REDACTED:key:token]","clientId":"c"}')
  })

  it('finds secret keys at any depth and inside arrays, with exact paths', () => {
    const out = createRedactor()({ users: [{ name: 'a' }, { name: 'b', auth: { secret: 's' } }] }, 'result')
    expect(out.redactions).toEqual([{ field: 'result.users[1].auth', rule: 'key:auth' }])
  })
})
