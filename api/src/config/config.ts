import { isAbsolute, resolve } from 'node:path'
import { DEFAULT_LIMITS, type IngestLimits, type StorageOptions } from '@tollgate/collector'
import { z } from 'zod'
import { ApiError } from '../errors'
import { enumVar, httpUrlVar, integerVar, patternVar, portVar, stringVar } from './env-fields'
import { findWorkspaceRoot } from './workspace-root'

const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB

/** pino's levels plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** A pino log level. */
export type LogLevel = (typeof LOG_LEVELS)[number]

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Variables whose values must never be echoed, logged or printed back. */
const SECRET_VARS = new Set([
  'CLICKHOUSE_PASSWORD',
  'TOLLGATE_BOOTSTRAP_INGEST_KEY',
  'TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD',
  'TOLLGATE_BOOTSTRAP_ADMIN_TOKEN',
])

/**
 * The environment, variable by variable (see DESIGN.md "Runtime interface").
 * Every number has bounds so a typo cannot turn into a 0-byte limit or a
 * 1 TB queue.
 */
const envSchema = z.object({
  TOLLGATE_DATA_DIR: stringVar(),
  TOLLGATE_HOST: patternVar(/^[^\s/]+$/, 'must be a host name or IP address').transform(
    (v) => v ?? '127.0.0.1',
  ),
  TOLLGATE_OTLP_PORT: portVar(4318),
  TOLLGATE_API_PORT: portVar(4000),
  TOLLGATE_WEB_PORT: portVar(3000),
  CLICKHOUSE_URL: httpUrlVar(),
  CLICKHOUSE_USER: stringVar(),
  CLICKHOUSE_PASSWORD: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  CLICKHOUSE_DATABASE: patternVar(IDENTIFIER, 'must be a plain identifier (letters, digits, _)').transform(
    (v) => v ?? 'tollgate',
  ),
  CLICKHOUSE_CLUSTER: patternVar(IDENTIFIER, 'must be a plain identifier (letters, digits, _)'),
  TOLLGATE_BOOTSTRAP_INGEST_KEY: patternVar(
    /^[\x21-\x7e]{20,256}$/,
    'must be 20 to 256 printable ASCII characters without spaces',
  ),
  TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD: patternVar(/^[\s\S]{12,1024}$/, 'must be 12 to 1024 characters long'),
  TOLLGATE_BOOTSTRAP_ADMIN_TOKEN: patternVar(
    /^tg_api_[A-Za-z0-9_-]{24,200}$/,
    'must be "tg_api_" followed by 24 to 200 characters from [A-Za-z0-9_-]',
  ),
  TOLLGATE_LOG_LEVEL: enumVar(LOG_LEVELS, 'info'),
  TOLLGATE_MAX_BODY_BYTES: integerVar(8 * MiB, KiB, GiB),
  TOLLGATE_MAX_DECOMPRESSED_BYTES: integerVar(64 * MiB, KiB, 4 * GiB),
  TOLLGATE_MAX_SPANS_PER_REQUEST: integerVar(50_000, 1, 1_000_000),
  TOLLGATE_MAX_ATTRIBUTES_PER_SPAN: integerVar(256, 1, 10_000),
  TOLLGATE_MAX_VALUE_LENGTH: integerVar(16_384, 64, 16 * MiB),
  TOLLGATE_BATCH_MAX_ROWS: integerVar(20_000, 1, 1_000_000),
  TOLLGATE_BATCH_MAX_DELAY_MS: integerVar(200, 1, 60_000),
  TOLLGATE_QUEUE_MAX_BYTES: integerVar(128 * MiB, MiB, 16 * GiB),
  TOLLGATE_RETENTION_DAYS: integerVar(30, 1, 3650),
  TOLLGATE_PAYLOAD_RETENTION_DAYS: integerVar(7, 1, 3650),
  TOLLGATE_COOKIE_SECURE: enumVar(['auto', 'always'] as const, 'auto'),
})

type Env = z.output<typeof envSchema>

/** Values the first start uses instead of generating; unset = generate and print once. */
export interface BootstrapSecrets {
  ingestKey?: string
  adminPassword?: string
  adminToken?: string
}

/** Tollgate's whole configuration, parsed once at start and passed down. */
export interface TollgateConfig {
  /** Absolute. Holds the embedded engine's data and the first-run secrets file. */
  readonly dataDir: string
  /** Interface every listener binds to. */
  readonly host: string
  readonly ports: { readonly otlp: number; readonly api: number; readonly web: number }
  /** Embedded engine in `dataDir` unless `CLICKHOUSE_URL` is set. */
  readonly storage: StorageOptions
  readonly bootstrap: BootstrapSecrets
  readonly logLevel: LogLevel
  readonly limits: IngestLimits
  readonly body: { readonly maxBodyBytes: number; readonly maxDecompressedBytes: number }
  readonly batch: { readonly maxRows: number; readonly maxDelayMs: number; readonly maxQueueBytes: number }
  readonly retention: { readonly days: number; readonly payloadDays: number }
  /**
   * When the sign-in cookies get `Secure`: `auto` when the request came over https (as the api
   * sees it), `always` for an api behind a TLS-terminating proxy that forwards plain http.
   */
  readonly cookieSecure: 'auto' | 'always'
}

/** Where relative paths are resolved; injectable so tests never depend on the cwd. */
export interface ParseOptions {
  baseDir: string
}

/**
 * Parses `env` into a {@link TollgateConfig}. Throws one `CONFIG.INVALID`
 * error whose message lists every bad variable, each on its own line.
 */
export function parseConfig(env: Record<string, string | undefined>, options: ParseOptions): TollgateConfig {
  const parsed = envSchema.safeParse(env)
  const problems = [
    ...(parsed.success ? crossCheck(parsed.data) : parsed.error.issues.map((i) => describeIssue(i, env))),
    ...checkServerOnlyVars(env),
  ]
  if (!parsed.success || problems.length > 0) {
    throw new ApiError(
      'CONFIG.INVALID',
      `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  }
  return toConfig(parsed.data, options)
}

/**
 * The process entry's one read of `process.env`. Relative `TOLLGATE_DATA_DIR`
 * values resolve against the workspace root (see {@link findWorkspaceRoot}).
 */
export function loadConfig(): TollgateConfig {
  return parseConfig(process.env, { baseDir: findWorkspaceRoot(process.cwd()) })
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? '(environment)')
  const raw = env[name]
  const shown = raw === undefined || SECRET_VARS.has(name) ? '' : ` (got ${JSON.stringify(raw.slice(0, 60))})`
  return `${name}: ${issue.message}${shown}`
}

/**
 * Server settings without a server are almost surely a forgotten CLICKHOUSE_URL:
 * refuse rather than silently use the embedded engine. Checked on the raw
 * values so it is reported together with any other bad variable.
 */
function checkServerOnlyVars(env: Record<string, string | undefined>): string[] {
  const isSet = (name: string) => (env[name] ?? '').trim() !== ''
  if (isSet('CLICKHOUSE_URL')) return []
  return ['CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD', 'CLICKHOUSE_CLUSTER']
    .filter(isSet)
    .map((name) => `${name}: is set but CLICKHOUSE_URL is not (unset means the embedded engine)`)
}

/** Rules spanning several parsed variables. */
function crossCheck(env: Env): string[] {
  const problems: string[] = []
  if (env.TOLLGATE_MAX_DECOMPRESSED_BYTES < env.TOLLGATE_MAX_BODY_BYTES) {
    problems.push('TOLLGATE_MAX_DECOMPRESSED_BYTES: must be at least TOLLGATE_MAX_BODY_BYTES')
  }
  if (env.TOLLGATE_PAYLOAD_RETENTION_DAYS > env.TOLLGATE_RETENTION_DAYS) {
    problems.push('TOLLGATE_PAYLOAD_RETENTION_DAYS: must not exceed TOLLGATE_RETENTION_DAYS')
  }
  return problems
}

function toConfig(env: Env, options: ParseOptions): TollgateConfig {
  const rawDir = env.TOLLGATE_DATA_DIR ?? './.tollgate/data'
  const dataDir = isAbsolute(rawDir) ? rawDir : resolve(options.baseDir, rawDir)
  const database = env.CLICKHOUSE_DATABASE
  const storage: StorageOptions =
    env.CLICKHOUSE_URL === undefined
      ? { kind: 'embedded', dataDir, database }
      : {
          kind: 'remote',
          url: env.CLICKHOUSE_URL,
          username: env.CLICKHOUSE_USER ?? 'default',
          password: env.CLICKHOUSE_PASSWORD ?? '',
          database,
          ...(env.CLICKHOUSE_CLUSTER === undefined ? {} : { cluster: env.CLICKHOUSE_CLUSTER }),
        }
  return {
    dataDir,
    host: env.TOLLGATE_HOST,
    ports: { otlp: env.TOLLGATE_OTLP_PORT, api: env.TOLLGATE_API_PORT, web: env.TOLLGATE_WEB_PORT },
    storage,
    bootstrap: {
      ingestKey: env.TOLLGATE_BOOTSTRAP_INGEST_KEY,
      adminPassword: env.TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD,
      adminToken: env.TOLLGATE_BOOTSTRAP_ADMIN_TOKEN,
    },
    logLevel: env.TOLLGATE_LOG_LEVEL,
    limits: {
      maxSpansPerRequest: env.TOLLGATE_MAX_SPANS_PER_REQUEST,
      maxAttributesPerSpan: env.TOLLGATE_MAX_ATTRIBUTES_PER_SPAN,
      maxValueLength: env.TOLLGATE_MAX_VALUE_LENGTH,
      // Not in the runtime interface: the collector's defaults, fixed until someone needs them tunable.
      maxEventsPerSpan: DEFAULT_LIMITS.maxEventsPerSpan,
      maxLinksPerSpan: DEFAULT_LIMITS.maxLinksPerSpan,
      // Older spans would be acknowledged, then dropped by the retention TTL at once.
      maxAgeDays: env.TOLLGATE_RETENTION_DAYS,
    },
    body: {
      maxBodyBytes: env.TOLLGATE_MAX_BODY_BYTES,
      maxDecompressedBytes: env.TOLLGATE_MAX_DECOMPRESSED_BYTES,
    },
    batch: {
      maxRows: env.TOLLGATE_BATCH_MAX_ROWS,
      maxDelayMs: env.TOLLGATE_BATCH_MAX_DELAY_MS,
      maxQueueBytes: env.TOLLGATE_QUEUE_MAX_BYTES,
    },
    retention: { days: env.TOLLGATE_RETENTION_DAYS, payloadDays: env.TOLLGATE_PAYLOAD_RETENTION_DAYS },
    cookieSecure: env.TOLLGATE_COOKIE_SECURE,
  }
}

/**
 * The configuration as it may be logged: secrets replaced by whether they are
 * set, credentials stripped from the ClickHouse URL.
 */
export function redactedConfig(config: TollgateConfig): Record<string, unknown> {
  const { storage, bootstrap, ...rest } = config
  const shownStorage =
    storage.kind === 'embedded'
      ? storage
      : {
          ...storage,
          url: withoutCredentials(storage.url),
          password: storage.password === '' ? '' : '[redacted]',
        }
  return {
    ...rest,
    storage: shownStorage,
    bootstrap: {
      ingestKey: bootstrap.ingestKey === undefined ? 'generate' : 'from environment',
      adminPassword: bootstrap.adminPassword === undefined ? 'generate' : 'from environment',
      adminToken: bootstrap.adminToken === undefined ? 'generate' : 'from environment',
    },
  }
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url)
  if (parsed.username === '' && parsed.password === '') return url
  parsed.username = '[redacted]'
  parsed.password = ''
  return parsed.toString()
}
