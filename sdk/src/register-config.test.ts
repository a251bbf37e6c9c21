import { DiagLogLevel } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { readRegisterConfig } from './register-config.js'

describe('readRegisterConfig', () => {
  it('prefers TOLLGATE_ENDPOINT, then the OTLP traces endpoint, then the OTLP base', () => {
    const all = {
      TOLLGATE_ENDPOINT: 'http://tollgate:4318/',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces/v1/traces',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base',
    }
    expect(readRegisterConfig(all, undefined).tracesUrl).toBe('http://tollgate:4318/v1/traces')
    expect(readRegisterConfig({ ...all, TOLLGATE_ENDPOINT: '' }, undefined).tracesUrl).toBe(
      'http://traces/v1/traces',
    )
    expect(readRegisterConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base/' }, undefined).tracesUrl).toBe(
      'http://base/v1/traces',
    )
    expect(readRegisterConfig({}, undefined).tracesUrl).toBe('http://127.0.0.1:4318/v1/traces')
  })

  it('sends the API key as a bearer token and names the service after the entry script', () => {
    const config = readRegisterConfig({ TOLLGATE_API_KEY: ' tg_ingest_x ' }, '/srv/crm-server.mjs')
    expect(config.headers).toEqual({ authorization: 'Bearer tg_ingest_x' })
    expect(config.serviceName).toBe('crm-server')
    expect(readRegisterConfig({ OTEL_SERVICE_NAME: 'crm' }, '/srv/x.js').serviceName).toBe('crm')
    expect(readRegisterConfig({}, '/srv/x.js').headers).toEqual({})
  })

  it('reads the switch-off and the diagnostics level', () => {
    expect(readRegisterConfig({ TOLLGATE_DISABLED: 'true' }, undefined).disabled).toBe(true)
    expect(readRegisterConfig({ OTEL_SDK_DISABLED: 'TRUE' }, undefined).disabled).toBe(true)
    expect(readRegisterConfig({}, undefined).disabled).toBe(false)
    expect(readRegisterConfig({ OTEL_LOG_LEVEL: 'debug' }, undefined).logLevel).toBe(DiagLogLevel.DEBUG)
    expect(readRegisterConfig({ OTEL_LOG_LEVEL: 'loud' }, undefined).logLevel).toBeUndefined()
    expect(readRegisterConfig({}, undefined).logLevel).toBeUndefined()
  })
})
