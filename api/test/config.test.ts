import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfig, redactedConfig } from '../src/config/config'
import { isApiError } from '../src/errors'

const base = { baseDir: '/srv/tollgate' }

function errorOf(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    expect(isApiError(err, 'CONFIG.INVALID')).toBe(true)
    return (err as Error).message
  }
  throw new Error('expected a CONFIG.INVALID error')
}

describe('parseConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = parseConfig({}, base)
    expect(config.dataDir).toBe(join('/srv/tollgate', '.tollgate/data'))
    expect(config.host).toBe('127.0.0.1')
    expect(config.ports).toEqual({ otlp: 4318, api: 4000, web: 3000 })
    expect(config.storage).toEqual({ kind: 'embedded', dataDir: config.dataDir, database: 'tollgate' })
    expect(config.logLevel).toBe('info')
    expect(config.body).toEqual({ maxBodyBytes: 8 * 1024 * 1024, maxDecompressedBytes: 64 * 1024 * 1024 })
    expect(config.limits).toMatchObject({
      maxSpansPerRequest: 50_000,
      maxAttributesPerSpan: 256,
      maxValueLength: 16_384,
    })
    expect(config.batch).toEqual({ maxRows: 20_000, maxDelayMs: 200, maxQueueBytes: 128 * 1024 * 1024 })
    expect(config.retention).toEqual({ days: 30, payloadDays: 7 })
    expect(config.bootstrap).toEqual({
      ingestKey: undefined,
      adminPassword: undefined,
      adminToken: undefined,
    })
  })

  it('reads every variable, treats blank values as unset and keeps absolute data dirs', () => {
    const config = parseConfig(
      {
        TOLLGATE_DATA_DIR: '/var/lib/tollgate',
        TOLLGATE_HOST: '0.0.0.0',
        TOLLGATE_OTLP_PORT: '14318',
        TOLLGATE_API_PORT: '',
        TOLLGATE_LOG_LEVEL: 'DEBUG',
        TOLLGATE_MAX_SPANS_PER_REQUEST: '1000',
        TOLLGATE_BATCH_MAX_DELAY_MS: '50',
        TOLLGATE_RETENTION_DAYS: '90',
        TOLLGATE_PAYLOAD_RETENTION_DAYS: '14',
        CLICKHOUSE_URL: 'http://clickhouse:8123',
        CLICKHOUSE_USER: 'tollgate',
        CLICKHOUSE_PASSWORD: 's3cret',
        CLICKHOUSE_CLUSTER: 'main',
      },
      base,
    )
    expect(config.dataDir).toBe('/var/lib/tollgate')
    expect(config.host).toBe('0.0.0.0')
    expect(config.ports).toEqual({ otlp: 14318, api: 4000, web: 3000 })
    expect(config.logLevel).toBe('debug')
    expect(config.limits.maxSpansPerRequest).toBe(1000)
    expect(config.batch.maxDelayMs).toBe(50)
    expect(config.retention).toEqual({ days: 90, payloadDays: 14 })
    expect(config.storage).toEqual({
      kind: 'remote',
      url: 'http://clickhouse:8123',
      username: 'tollgate',
      password: 's3cret',
      database: 'tollgate',
      cluster: 'main',
    })
  })

  it('resolves a relative data dir against the given base directory', () => {
    expect(parseConfig({ TOLLGATE_DATA_DIR: 'data' }, base).dataDir).toBe('/srv/tollgate/data')
  })

  it('lists every bad variable in one error, one per line, without echoing secrets', () => {
    const message = errorOf(() =>
      parseConfig(
        {
          TOLLGATE_API_PORT: 'abc',
          TOLLGATE_OTLP_PORT: '70000',
          TOLLGATE_LOG_LEVEL: 'loud',
          TOLLGATE_MAX_BODY_BYTES: '10',
          CLICKHOUSE_URL: 'ftp://x',
          CLICKHOUSE_DATABASE: 'drop table',
          TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD: 'short',
          TOLLGATE_BOOTSTRAP_ADMIN_TOKEN: 'not-a-token-value',
        },
        base,
      ),
    )
    const lines = message.split('\n')
    expect(lines[0]).toBe('invalid configuration:')
    expect(lines).toHaveLength(9)
    expect(message).toContain('TOLLGATE_API_PORT: must be a whole number between 0 and 65535 (got "abc")')
    expect(message).toContain('TOLLGATE_OTLP_PORT: must be a whole number between 0 and 65535 (got "70000")')
    expect(message).toContain(
      'TOLLGATE_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    )
    expect(message).toContain('TOLLGATE_MAX_BODY_BYTES: must be a whole number between 1024 and')
    expect(message).toContain('CLICKHOUSE_URL: must be an http:// or https:// URL')
    expect(message).toContain('CLICKHOUSE_DATABASE: must be a plain identifier')
    expect(message).toContain('TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD: must be 12 to 1024 characters long')
    expect(message).toContain('TOLLGATE_BOOTSTRAP_ADMIN_TOKEN: must be "tg_api_"')
    expect(message).not.toContain('short')
    expect(message).not.toContain('not-a-token-value')
  })

  it('rejects fractional, negative and out-of-range numbers', () => {
    for (const value of ['1.5', '-1', '1e3', '0']) {
      expect(errorOf(() => parseConfig({ TOLLGATE_BATCH_MAX_ROWS: value }, base))).toContain(
        'TOLLGATE_BATCH_MAX_ROWS: must be a whole number between 1 and 1000000',
      )
    }
  })

  it('checks rules spanning several variables', () => {
    const message = errorOf(() =>
      parseConfig(
        {
          CLICKHOUSE_PASSWORD: 'x',
          TOLLGATE_MAX_BODY_BYTES: String(32 * 1024 * 1024),
          TOLLGATE_MAX_DECOMPRESSED_BYTES: String(16 * 1024 * 1024),
          TOLLGATE_RETENTION_DAYS: '7',
          TOLLGATE_PAYLOAD_RETENTION_DAYS: '30',
        },
        base,
      ),
    )
    expect(message).toContain('CLICKHOUSE_PASSWORD: is set but CLICKHOUSE_URL is not')
    expect(message).toContain('TOLLGATE_MAX_DECOMPRESSED_BYTES: must be at least TOLLGATE_MAX_BODY_BYTES')
    expect(message).toContain('TOLLGATE_PAYLOAD_RETENTION_DAYS: must not exceed TOLLGATE_RETENTION_DAYS')
  })

  it('reports a forgotten CLICKHOUSE_URL together with other bad variables', () => {
    const message = errorOf(() => parseConfig({ TOLLGATE_API_PORT: 'x', CLICKHOUSE_USER: 'ops' }, base))
    expect(message).toContain('TOLLGATE_API_PORT: must be a whole number')
    expect(message).toContain('CLICKHOUSE_USER: is set but CLICKHOUSE_URL is not')
  })

  it('accepts bootstrap secrets given in the environment', () => {
    const config = parseConfig(
      {
        TOLLGATE_BOOTSTRAP_INGEST_KEY: 'tg_ingest_abcdefghijklmnopqrstuvwxyz',
        TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery staple',
        TOLLGATE_BOOTSTRAP_ADMIN_TOKEN: 'tg_api_abcdefghijklmnopqrstuvwxyz012345',
      },
      base,
    )
    expect(config.bootstrap.ingestKey).toBe('tg_ingest_abcdefghijklmnopqrstuvwxyz')
    expect(config.bootstrap.adminPassword).toBe('correct horse battery staple')
  })
})

describe('redactedConfig', () => {
  it('never contains secrets', () => {
    const config = parseConfig(
      {
        CLICKHOUSE_URL: 'https://ops:urlpass@clickhouse.example:8443',
        CLICKHOUSE_PASSWORD: 'chpass-123',
        TOLLGATE_BOOTSTRAP_INGEST_KEY: 'tg_ingest_abcdefghijklmnopqrstuvwxyz',
        TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery staple',
        TOLLGATE_BOOTSTRAP_ADMIN_TOKEN: 'tg_api_abcdefghijklmnopqrstuvwxyz012345',
      },
      base,
    )
    const text = JSON.stringify(redactedConfig(config))
    for (const secret of ['urlpass', 'chpass-123', 'abcdefghijklmnopqrstuvwxyz', 'correct horse']) {
      expect(text).not.toContain(secret)
    }
    expect(text).toContain('from environment')
    expect(text).toContain('clickhouse.example:8443')
  })
})
