import 'server-only'

/**
 * The web server's settings, read once from the environment (the only module that reads
 * `process.env`): where the api's GraphQL endpoint is, and where SDKs send their spans.
 */
export interface WebConfig {
  /** `TOLLGATE_API_URL`, else `http://127.0.0.1:$TOLLGATE_API_PORT/graphql` (port 4000). */
  apiGraphqlUrl: string
  /** Mark cookies `Secure`: `TOLLGATE_COOKIE_SECURE=always` (behind TLS); else only for https requests. */
  cookieSecureAlways: boolean
  /**
   * Base URL of Tollgate's OTLP receiver as an instrumented server reaches it (the SDK's
   * `TOLLGATE_ENDPOINT`, shown in Settings' snippet): `TOLLGATE_OTLP_URL`, else
   * `http://127.0.0.1:$TOLLGATE_OTLP_PORT` (port 4318). No trailing slash.
   */
  otlpUrl: string
}

let loaded: WebConfig | undefined

/** The parsed settings; a bad value fails the first request with a message naming the variable. */
export function webConfig(): WebConfig {
  loaded ??= parseWebConfig(process.env)
  return loaded
}

/** Pure parse of the web's environment variables. */
export function parseWebConfig(env: Record<string, string | undefined>): WebConfig {
  const port = env.TOLLGATE_API_PORT ?? '4000'
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new Error(`TOLLGATE_API_PORT: must be a port number, got ${JSON.stringify(port.slice(0, 20))}`)
  }
  const url = env.TOLLGATE_API_URL ?? `http://127.0.0.1:${port}/graphql`
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new Error('TOLLGATE_API_URL: must be an http(s) URL of the api’s /graphql endpoint')
  }
  return {
    apiGraphqlUrl: url,
    cookieSecureAlways: env.TOLLGATE_COOKIE_SECURE === 'always',
    otlpUrl: parseOtlpUrl(env),
  }
}

function parseOtlpUrl(env: Record<string, string | undefined>): string {
  const port = env.TOLLGATE_OTLP_PORT ?? '4318'
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new Error(`TOLLGATE_OTLP_PORT: must be a port number, got ${JSON.stringify(port.slice(0, 20))}`)
  }
  const url = env.TOLLGATE_OTLP_URL ?? `http://127.0.0.1:${port}`
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new Error('TOLLGATE_OTLP_URL: must be the http(s) base URL of the OTLP receiver (http://host:4318)')
  }
  return url.replace(/\/+$/, '')
}
