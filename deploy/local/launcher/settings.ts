import { isAbsolute, resolve } from 'node:path'

/**
 * What the launcher itself needs of the environment (read once, here). The children get the
 * same environment and parse it themselves; the server's parse is the authority and reports
 * anything else that is wrong.
 */
export interface StartSettings {
  repoRoot: string
  /** Absolute; resolved like the server does (relative to the repo root). */
  dataDir: string
  host: string
  /** What a client on this machine dials to reach `host` (a bind-all address is not dialable). */
  dialHost: string
  ports: { otlp: number; api: number; web: number }
  /** The embedded engine (no CLICKHOUSE_URL): the only case where demo history is seeded. */
  embedded: boolean
  /** TOLLGATE_DEMO=0 turns off the seeded history and the live traffic. */
  demo: boolean
  /** The web's build folder inside web/ (TOLLGATE_WEB_DIST_DIR, as next.config.ts reads it). */
  webDistDir: string
  /** The api's GraphQL URL as the web should dial it. */
  apiGraphqlUrl: string
  adminPasswordFromEnv: boolean
}

/** Thrown for a setting the launcher cannot work with; the message names the variable. */
export class SettingsError extends Error {}

const DEFAULT_PORTS = { otlp: 4318, api: 4000, web: 3000 }

/** Parses `env`; throws {@link SettingsError} listing every bad variable. */
export function parseStartSettings(env: NodeJS.ProcessEnv, repoRoot: string): StartSettings {
  const problems: string[] = []
  const port = (name: string, fallback: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw)
    if (/^\d+$/.test(raw) && value >= 1 && value <= 65535) return value
    problems.push(`${name}: must be a port number from 1 to 65535 (got ${JSON.stringify(raw.slice(0, 20))})`)
    return fallback
  }
  const ports = {
    otlp: port('TOLLGATE_OTLP_PORT', DEFAULT_PORTS.otlp),
    api: port('TOLLGATE_API_PORT', DEFAULT_PORTS.api),
    web: port('TOLLGATE_WEB_PORT', DEFAULT_PORTS.web),
  }
  const demoRaw = env.TOLLGATE_DEMO ?? '1'
  if (demoRaw !== '0' && demoRaw !== '1')
    problems.push(`TOLLGATE_DEMO: must be 0 or 1 (got ${JSON.stringify(demoRaw)})`)
  if (problems.length > 0)
    throw new SettingsError(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)

  const rawDir = nonEmpty(env.TOLLGATE_DATA_DIR) ?? './.tollgate/data'
  const host = nonEmpty(env.TOLLGATE_HOST) ?? '127.0.0.1'
  const dialHost = dialableHost(host)
  return {
    repoRoot,
    dataDir: isAbsolute(rawDir) ? rawDir : resolve(repoRoot, rawDir),
    host,
    dialHost,
    ports,
    embedded: nonEmpty(env.CLICKHOUSE_URL) === undefined,
    demo: demoRaw === '1',
    webDistDir: nonEmpty(env.TOLLGATE_WEB_DIST_DIR) ?? '.next',
    apiGraphqlUrl: nonEmpty(env.TOLLGATE_API_URL) ?? `http://${dialHost}:${ports.api}/graphql`,
    adminPasswordFromEnv: nonEmpty(env.TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD) !== undefined,
  }
}

/** A bind-all address (`0.0.0.0`, `::`) is dialed as loopback; an IPv6 literal gets brackets. */
export function dialableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::' || host === '[::]') return '[::1]'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
