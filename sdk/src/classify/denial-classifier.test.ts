import { describe, expect, it } from 'vitest'
import { createDenialClassifier, MAX_REASON_CHARS } from './denial-classifier.js'

describe('createDenialClassifier', () => {
  const classify = createDenialClassifier()

  it.each([
    ['Access denied', 'pattern:access_denied'],
    ['access is denied for user bob', 'pattern:access_denied'],
    ['EACCES: permission denied, open /etc/shadow', 'pattern:permission_denied'],
    ['Forbidden', 'pattern:forbidden'],
    ['HTTP 403 FORBIDDEN', 'pattern:forbidden'],
    ['Operation not permitted', 'pattern:not_permitted'],
    ['User bob is not allowed to read accounts/42', 'pattern:not_allowed'],
    ['This operation is not allowed', 'pattern:not_allowed'],
    ['401 Unauthorized', 'pattern:unauthorized'],
    ['Unauthorised request', 'pattern:unauthorized'],
    ['You are not authorized to view this record', 'pattern:not_authorized'],
    ['error=insufficient_scope', 'pattern:insufficient_scope'],
    ['Insufficient scopes: crm:write required', 'pattern:insufficient_scope'],
    ['insufficient permissions', 'pattern:insufficient_permissions'],
    ['Insufficient privileges on table orders', 'pattern:insufficient_permissions'],
    ['Request blocked by the data-access policy', 'pattern:policy_denied'],
  ])('treats the error message %j as a denial (%s)', (errorMessage, rule) => {
    expect(classify({ errorCode: -32603, errorMessage })).toEqual({ reason: errorMessage, rule })
  })

  it.each([
    'File not found',
    'Invalid arguments: "limit" must be a number',
    'Request timed out after 30s',
    'Internal error',
    'Filename contains forbidden characters',
    'Trailing commas are not allowed in JSON',
    'Method not allowed',
    'Unknown tool: search',
    'The user denied having seen the invoice', // "denied" alone is not enough
    '',
  ])('does not treat %j as a denial', (errorMessage) => {
    expect(classify({ errorCode: -32603, errorMessage })).toBeUndefined()
    expect(classify({ toolErrorTexts: [errorMessage] })).toBeUndefined()
  })

  it('treats -32602 "Unknown tool" as a gateway denial, and other -32602 errors not', () => {
    expect(classify({ errorCode: -32602, errorMessage: 'Unknown tool: delete_account' })).toEqual({
      reason: 'Unknown tool: delete_account',
      rule: 'code:-32602_unknown_tool',
    })
    expect(classify({ errorCode: -32602, errorMessage: 'Invalid arguments for tool search' })).toBeUndefined()
    expect(classify({ errorCode: -32601, errorMessage: 'Unknown tool: x' })).toBeUndefined()
  })

  it('reads isError result texts, reporting the text that matched', () => {
    expect(
      classify({ toolErrorTexts: ['Could not update the account.', '  Access denied: role viewer  '] }),
    ).toEqual({ reason: 'Access denied: role viewer', rule: 'pattern:access_denied' })
  })

  it('prefers the error message to the result texts', () => {
    const denial = classify({ errorMessage: 'Forbidden', toolErrorTexts: ['permission denied'] })
    expect(denial?.rule).toBe('pattern:forbidden')
  })

  it('treats configured codes as denials whatever the message', () => {
    const withCodes = createDenialClassifier({ codes: [-32003] })
    expect(withCodes({ errorCode: -32003, errorMessage: 'Nope' })).toEqual({
      reason: 'Nope',
      rule: 'code:-32003',
    })
    expect(withCodes({ errorCode: -32003 })).toEqual({ reason: 'JSON-RPC error -32003', rule: 'code:-32003' })
    expect(withCodes({ errorCode: -32004, errorMessage: 'Nope' })).toBeUndefined()
  })

  it('tries custom patterns before the defaults', () => {
    const custom = createDenialClassifier({ patterns: [/\bno entry\b/i, /forbidden zone/i] })
    expect(custom({ errorMessage: 'No entry for agents' })?.rule).toBe('pattern:custom_0')
    expect(custom({ errorMessage: 'Forbidden zone' })?.rule).toBe('pattern:custom_1')
    expect(custom({ errorMessage: 'Access denied' })?.rule).toBe('pattern:access_denied')
  })

  it('uses only the custom patterns with replaceDefaults, keeping the gateway rule', () => {
    const only = createDenialClassifier({ patterns: [/\bno entry\b/i], replaceDefaults: true })
    expect(only({ errorMessage: 'Access denied' })).toBeUndefined()
    expect(only({ errorMessage: 'no entry' })?.rule).toBe('pattern:custom_0')
    expect(only({ errorCode: -32602, errorMessage: 'Unknown tool: x' })?.rule).toBe(
      'code:-32602_unknown_tool',
    )
  })

  it('is not confused by global regexes and leaves them untouched', () => {
    const global = /denied/g
    const custom = createDenialClassifier({ patterns: [global], replaceDefaults: true })
    expect(custom({ errorMessage: 'denied' })?.rule).toBe('pattern:custom_0')
    expect(custom({ errorMessage: 'denied' })?.rule).toBe('pattern:custom_0')
    expect(global.lastIndex).toBe(0)
  })

  it('reports nothing when disabled', () => {
    const off = createDenialClassifier({ enabled: false, codes: [-32003] })
    expect(off({ errorCode: -32003, errorMessage: 'Access denied' })).toBeUndefined()
  })

  it('cuts the reason to 256 characters without splitting a surrogate pair', () => {
    const long = `Access denied ${'x'.repeat(241)}😀 and more`
    const denial = classify({ errorMessage: long })
    expect(denial?.reason).toBe(long.slice(0, MAX_REASON_CHARS - 1))
    expect(classify({ errorMessage: 'Forbidden '.repeat(100) })?.reason).toHaveLength(MAX_REASON_CHARS)
  })

  it('looks only at the start of very long texts', () => {
    const late = `${'a'.repeat(10_000)} access denied`
    expect(classify({ errorMessage: late })).toBeUndefined()
    expect(classify({ toolErrorTexts: [late] })).toBeUndefined()
  })

  it('never throws on malformed input', () => {
    const bad = [
      {},
      { errorCode: 'x', errorMessage: 42, toolErrorTexts: 'Forbidden' },
      { toolErrorTexts: [null, 3, 'Forbidden'] },
    ] as never[]
    expect(bad.map((input) => classify(input))).toEqual([
      undefined,
      undefined,
      { reason: 'Forbidden', rule: 'pattern:forbidden' },
    ])
    expect(classify(null as never)).toBeUndefined()
    expect(createDenialClassifier({ patterns: ['x' as never] })({ errorMessage: 'Forbidden' })?.rule).toBe(
      'pattern:forbidden',
    )
  })
})
