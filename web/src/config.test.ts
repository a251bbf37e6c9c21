import { describe, expect, it, vi } from 'vitest'

// `server-only` throws outside a React server bundle; the parse under test is pure.
vi.mock('server-only', () => ({}))
const { parseWebConfig } = await import('./config')

describe('parseWebConfig', () => {
  it('defaults to the api and the OTLP receiver on loopback', () => {
    expect(parseWebConfig({})).toEqual({
      apiGraphqlUrl: 'http://127.0.0.1:4000/graphql',
      cookieSecureAlways: false,
      otlpUrl: 'http://127.0.0.1:4318',
    })
  })

  it('takes the OTLP port, or a whole URL (without its trailing slash) over it', () => {
    expect(parseWebConfig({ TOLLGATE_OTLP_PORT: '14318' }).otlpUrl).toBe('http://127.0.0.1:14318')
    expect(
      parseWebConfig({ TOLLGATE_OTLP_PORT: '14318', TOLLGATE_OTLP_URL: 'https://ingest.example.com:8443/' })
        .otlpUrl,
    ).toBe('https://ingest.example.com:8443')
  })

  it('fails naming the variable on a bad port or URL', () => {
    expect(() => parseWebConfig({ TOLLGATE_OTLP_PORT: '70000' })).toThrow(
      'TOLLGATE_OTLP_PORT: must be a port number, got "70000"',
    )
    expect(() => parseWebConfig({ TOLLGATE_OTLP_URL: 'grpc://collector:4317' })).toThrow(
      'TOLLGATE_OTLP_URL: must be the http(s) base URL of the OTLP receiver',
    )
  })

  it('keeps reading the api settings', () => {
    const config = parseWebConfig({ TOLLGATE_API_PORT: '4100', TOLLGATE_COOKIE_SECURE: 'always' })
    expect(config.apiGraphqlUrl).toBe('http://127.0.0.1:4100/graphql')
    expect(config.cookieSecureAlways).toBe(true)
  })
})
