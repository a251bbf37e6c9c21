import { basename } from 'node:path'
import { DiagLogLevel } from '@opentelemetry/api'

/** What the zero-code entry reads from the environment, parsed once. */
export interface RegisterConfig {
  /** Full OTLP/HTTP traces URL. */
  tracesUrl: string
  headers: Record<string, string>
  serviceName: string
  /** `OTEL_SDK_DISABLED=true` or `TOLLGATE_DISABLED=true`: load nothing. */
  disabled: boolean
  /** `OTEL_LOG_LEVEL`: SDK diagnostics on stderr at this level; undefined (the default) for none. */
  logLevel: DiagLogLevel | undefined
}

const DEFAULT_BASE = 'http://127.0.0.1:4318'

/** The `register` entry's one read of the process environment (and of its entry script). */
export function loadRegisterConfig(): RegisterConfig {
  return readRegisterConfig(process.env, process.argv[1])
}

/**
 * Reads `TOLLGATE_ENDPOINT` (base URL of Tollgate's OTLP receiver), else the standard
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` / `OTEL_EXPORTER_OTLP_ENDPOINT`; `TOLLGATE_API_KEY`
 * becomes the bearer token; `OTEL_SERVICE_NAME` names the service (else the entry script).
 * `OTEL_EXPORTER_OTLP_HEADERS` is applied by the exporter itself.
 */
export function readRegisterConfig(env: NodeJS.ProcessEnv, entry: string | undefined): RegisterConfig {
  const headers: Record<string, string> = {}
  const key = env.TOLLGATE_API_KEY?.trim()
  if (key) headers.authorization = `Bearer ${key}`
  return {
    tracesUrl: tracesUrl(env),
    headers,
    serviceName:
      env.OTEL_SERVICE_NAME?.trim() || (entry ? basename(entry).replace(/\.[cm]?[jt]s$/, '') : 'mcp-server'),
    disabled: isTrue(env.OTEL_SDK_DISABLED) || isTrue(env.TOLLGATE_DISABLED),
    logLevel: logLevel(env.OTEL_LOG_LEVEL),
  }
}

function tracesUrl(env: NodeJS.ProcessEnv): string {
  const tollgate = env.TOLLGATE_ENDPOINT?.trim()
  if (tollgate) return `${tollgate.replace(/\/+$/, '')}/v1/traces`
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()
  if (traces) return traces
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || DEFAULT_BASE
  return `${base.replace(/\/+$/, '')}/v1/traces`
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true'
}

function logLevel(value: string | undefined): DiagLogLevel | undefined {
  const name = value?.trim().toUpperCase()
  return name !== undefined && name in DiagLogLevel
    ? DiagLogLevel[name as keyof typeof DiagLogLevel]
    : undefined
}
