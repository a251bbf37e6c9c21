import { describe, expect, it } from 'vitest'
import { createRedactor } from './index.js'
import { DEFAULT_PATTERNS, isCardNumber, luhnValid, PatternSet } from './patterns.js'

// Fake secrets are assembled at run time so secret scanners do not flag this file.
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0In0', 'c2lnbmF0dXJlX2hlcmU'].join('.')
const GITHUB = `ghp_${'A1b2'.repeat(9)}`
const GITHUB_PAT = `github_pat_${'11AbCdEfGh'.repeat(5)}`
const SLACK = ['xoxb', '123456789012', 'abcdefABCDEF'].join('-')
const OPENAI = `sk-proj-${'Ab3dEf6hIj'.repeat(3)}`
const ANTHROPIC = `sk-ant-api03-${'AbCdEf1234'.repeat(3)}`
const AWS_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('')
const AWS_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/')
const PEM_BODY = 'MIIEowIBAAKCAQEA1234567890abcdef\nQWERTYUIOPasdfghjkl=='
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`

const redact = createRedactor()

/** The text of `s` redacted as the only field of a payload. */
function scrub(s: string): { text: string; rules: string[] } {
  const out = redact({ s }, 'arguments')
  return { text: (JSON.parse(out.text!) as { s: string }).s, rules: out.redactions.map((r) => r.rule) }
}

describe('DEFAULT_PATTERNS', () => {
  it('has no capturing group, which the combined regex relies on', () => {
    for (const p of DEFAULT_PATTERNS) expect(new RegExp(`${p.pattern.source}|`).exec('')!.length).toBe(1)
  })

  it.each([
    ['jwt', `id ${JWT} end`, 'id [REDACTED:jwt] end'],
    ['bearer', 'Authorization: Bearer abcdefghijklmnop1234', 'Authorization: [REDACTED:bearer]'],
    ['aws_access_key', `key ${AWS_ID} end`, 'key [REDACTED:aws_access_key] end'],
    ['aws_secret', `aws_secret_access_key = ${AWS_SECRET}\n`, '[REDACTED:aws_secret]\n'],
    ['aws_secret', `AWS_SECRET_ACCESS_KEY="${AWS_SECRET}"`, '[REDACTED:aws_secret]"'],
    ['github_token', `token ${GITHUB}`, 'token [REDACTED:github_token]'],
    ['github_token', `pat=${GITHUB_PAT}`, 'pat=[REDACTED:github_token]'],
    ['slack_token', `slack ${SLACK}`, 'slack [REDACTED:slack_token]'],
    ['openai_key', `OPENAI_API_KEY=${OPENAI}`, 'OPENAI_API_KEY=[REDACTED:openai_key]'],
    ['anthropic_key', `key: ${ANTHROPIC}`, 'key: [REDACTED:anthropic_key]'],
    ['pem_private_key', `before\n${PEM}\nafter`, 'before\n[REDACTED:pem_private_key]\nafter'],
    ['card_number', 'card 4111 1111 1111 1111 exp', 'card [REDACTED:card_number] exp'],
    ['card_number', 'card 4111-1111-1111-1111.', 'card [REDACTED:card_number].'],
    ['card_number', 'amex 378282246310005', 'amex [REDACTED:card_number]'],
    ['card_number', 'mc 5555555555554444', 'mc [REDACTED:card_number]'],
    ['secret_assignment', "where password = 'hunter2xx'", "where password = '[REDACTED:secret_assignment]'"],
    ['secret_assignment', 'GET /x?token=abcd1234&y=1', 'GET /x?token=[REDACTED:secret_assignment]&y=1'],
    [
      'secret_assignment',
      '{"client_secret": "s3cr3t-value"}',
      '{"client_secret": "[REDACTED:secret_assignment]"}',
    ],
    ['secret_assignment', 'pwd=abcd', 'pwd=[REDACTED:secret_assignment]'],
  ])('%s replaces only the match in %j', (rule, input, expected) => {
    expect(scrub(input)).toEqual({ text: expected, rules: [rule] })
  })

  it.each([
    ['jwt-like text without three segments', 'eyJhbGciOiJIUzI1NiJ9 only'],
    ['jwt inside a longer word', `x${JWT}`],
    ['bearer as a word', 'the bearer of this letter'],
    ['an access key id inside a word', `X${AWS_ID}`],
    ['an access key id too short', 'AKIAIOSFODNN7EXAMP'],
    ['an aws secret without its label', `value ${AWS_SECRET}`],
    ['a github prefix without a token', 'ghp_short and gho_'],
    ['a slack prefix without a token', 'xoxb-123'],
    ['sk- inside a word', `task-${'Ab3dEf6hIj'.repeat(3)}`],
    ['sk- prose without digits', 'sk-learn-the-basics-of-everything-today'],
    [
      'a public key',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----',
    ],
    ['a 16-digit number failing Luhn', 'card 4111 1111 1111 1112'],
    ['a Luhn-valid millisecond timestamp', 'at 1718700000009'],
    ['the fraction of a decimal', 'x=0.4111111111111111'],
    ['too few digits', '4111 1111 1111'],
    ['a secret named without a value', 'the password is required; token: 12'],
    ['a label inside a word', 'mypassword=abcdefgh'],
  ])('keeps %s', (_what, input) => {
    expect(scrub(input)).toEqual({ text: input, rules: [] })
  })

  it('redacts an unterminated private key to the end of the string', () => {
    expect(scrub(`key:\n-----BEGIN OPENSSH PRIVATE KEY-----\n${PEM_BODY}`).text).toBe(
      'key:\n[REDACTED:pem_private_key]',
    )
  })

  it('reports one redaction per field and rule however many matches', () => {
    const out = redact({ s: `${JWT} ${JWT} 4111111111111111 ${GITHUB}` }, 'result')
    expect(out.redactions).toEqual([
      { field: 'result.s', rule: 'jwt' },
      { field: 'result.s', rule: 'card_number' },
      { field: 'result.s', rule: 'github_token' },
    ])
    expect(JSON.parse(out.text!).s).toBe(
      '[REDACTED:jwt] [REDACTED:jwt] [REDACTED:card_number] [REDACTED:github_token]',
    )
  })

  it('redacts a card number sent as a JSON number, and keeps other large numbers', () => {
    const out = redact(
      { card: 4111111111111111, bad: 4111111111111112, ms: 1718700000009, n: 12 },
      'arguments',
    )
    expect(JSON.parse(out.text!)).toEqual({
      card: '[REDACTED:card_number]',
      bad: 4111111111111112,
      ms: 1718700000009,
      n: 12,
    })
  })

  it('scans in linear time on inputs built to backtrack', () => {
    // No timing assertion (DESIGN.md: budgets are benchmarks); a catastrophic pattern would hang here.
    const inputs = ['eyJ'.repeat(50_000), '1 '.repeat(50_000), 'Bearer '.repeat(20_000), 'sk-'.repeat(50_000)]
    for (const s of inputs)
      expect(createRedactor({ maxStringLength: 200_000 })({ s }, 'a').text).toBeDefined()
  })
})

describe('luhnValid and isCardNumber', () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(luhnValid('79927398713')).toBe(true)
  })

  it('requires 13-19 digits, a network leading digit and 13 digits only for Visa', () => {
    expect(isCardNumber('4111 1111 1111 1111')).toBe(true)
    expect(isCardNumber('4222222222222')).toBe(true)
    expect(isCardNumber('5222222222227')).toBe(false) // 13 digits, not Visa
    expect(isCardNumber('1718700000009')).toBe(false) // Luhn-valid, but a timestamp
    expect(luhnValid('1718700000009')).toBe(true)
    expect(isCardNumber('79927398713')).toBe(false)
  })
})

describe('PatternSet with user patterns', () => {
  it('replaces every match of a pattern given without the g flag, and sticky is ignored', () => {
    const out = createRedactor({
      patterns: [
        { id: 'employee_id', pattern: /EMP-\d{6}/ },
        { id: 'ticket', pattern: /TCK\d+/y },
      ],
    })({ s: 'EMP-123456 and EMP-654321, see TCK42' }, 'arguments')
    expect(JSON.parse(out.text!).s).toBe(
      '[REDACTED:employee_id] and [REDACTED:employee_id], see [REDACTED:ticket]',
    )
    expect(out.redactions.map((r) => r.rule)).toEqual(['employee_id', 'ticket'])
  })

  it('keeps a match its validate rejects, and redacts one whose validate throws', () => {
    const out = createRedactor({
      patterns: [
        { id: 'even', pattern: /\bn\d\b/, validate: (m) => Number(m[1]) % 2 === 0 },
        {
          id: 'boom',
          pattern: /\bX\b/,
          validate: () => {
            throw new Error('bug')
          },
        },
      ],
    })({ s: 'n1 n2 X' }, 'arguments')
    expect(JSON.parse(out.text!).s).toBe('n1 [REDACTED:even] [REDACTED:boom]')
  })

  it('runs user patterns on short strings and merges overlaps with the defaults', () => {
    const set = new PatternSet([{ id: 'visa', pattern: /4111 1111/ }, { id: 'bad' }, null])
    expect(set.minLength).toBe(1)
    expect(set.find('pay 4111 1111 1111 1111 now', Number.POSITIVE_INFINITY)).toEqual([
      { start: 4, end: 23, rule: 'card_number' },
    ])
    expect(set.find('ab', 2)).toBeUndefined()
  })

  it('does not run user patterns outside mode redacted', () => {
    const out = createRedactor({ mode: 'full', patterns: [{ id: 'x', pattern: /secret/ }] })(
      { s: 'secret' },
      'a',
    )
    expect(out.text).toBe('{"s":"secret"}')
  })
})
