import 'server-only'

/**
 * The web server's settings, read once from the environment (the only module that reads
 * `process.env`). The web needs one thing: where the api's GraphQL endpoint is.
 */
export interface WebConfig {
  /** `TOLLGATE_API_URL`, else `http://127.0.0.1:$TOLLGATE_API_PORT/graphql` (port 4000). */
  apiGraphqlUrl: string
  /** Mark cookies `Secure`: `TOLLGATE_COOKIE_SECURE=always` (behind TLS); else only for https requests. */
  cookieSecureAlways: boolean
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
  return { apiGraphqlUrl: url, cookieSecureAlways: env.TOLLGATE_COOKIE_SECURE === 'always' }
}
