/**
 * Key rules: which object keys name a secret. Keys are compared normalized (lower case,
 * without `-` and `_`), so `apiKey`, `api_key` and `X-API-KEY` differ only by the `x`.
 */

/** What the walk needs to know about one key; computed once per distinct key and cached. */
export interface KeyInfo {
  /** Rule id when the key is removed in every mode (`authorization`, `cookie`, …). */
  readonly always: string | undefined
  /** Rule id in mode `redacted` (includes the always-removed keys). */
  readonly rule: string | undefined
  /** The key is `authInfo`: its `token` child is always removed. */
  readonly authInfo: boolean
  /** The key is `token`, which is always removed under `authInfo`. */
  readonly token: boolean
}

/**
 * Removed even in mode `full`: DESIGN.md ("The SDK's hard constraints") requires that
 * `authorization` / `cookie` headers and `authInfo.token` never leave the server.
 */
const ALWAYS = new Set(['authorization', 'proxyauthorization', 'cookie', 'setcookie'])

/** Exact names. The rule id is `key:<name>`. */
const EXACT = new Set([
  ...ALWAYS,
  'pwd',
  'pass',
  'auth',
  'session',
  'sessionid',
  'sessionkey',
  'jwt',
  'otp',
  'cvv',
  'cvc',
  'cvv2',
  'cvc2',
  'ssn',
  'connectionstring',
  // Named explicitly, though the stems below also catch them, so their rule id is specific.
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'apikey',
  'xapikey',
  'privatekey',
  'credential',
  'credentials',
])

/** Stems that make any key containing them secret (`dbPassword`, `AWS_SECRET_ACCESS_KEY`). */
const CONTAINS = ['password', 'passwd', 'passphrase', 'secret', 'privatekey', 'apikey', 'credential']

/**
 * Suffixes that make a key secret (`githubToken`, `proxyAuthorization`, `sessionCookie`).
 * NB: `token` only as a suffix and only singular: `max_tokens`, `tokenCount` and
 * `input_tokens` are counts that matter for debugging, not secrets.
 */
const SUFFIXES = ['token', 'authorization', 'cookie']

/** Keys the `token` suffix would catch that are cursors, not credentials. */
const NOT_SECRET = new Set([
  'pagetoken',
  'nextpagetoken',
  'prevpagetoken',
  'previouspagetoken',
  'nexttoken',
  'continuationtoken',
  'progresstoken', // MCP's own progress notification handle
])

/** The cache is dropped when it grows past this, so payloads keyed by ids cannot grow it forever. */
const CACHE_LIMIT = 2048

/** Lower case without `-` and `_`: the form in which key names are compared. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '')
}

function defaultRule(name: string): string | undefined {
  if (EXACT.has(name)) return `key:${name}`
  if (NOT_SECRET.has(name)) return undefined
  for (const stem of CONTAINS) if (name.includes(stem)) return `key:${stem}`
  for (const suffix of SUFFIXES) if (name.endsWith(suffix)) return `key:${suffix}`
  return undefined
}

/** Decides, once per distinct key, whether a key names a secret. One instance per redactor. */
export class KeyMatcher {
  readonly #names: ReadonlySet<string>
  readonly #regexes: readonly RegExp[]
  readonly #cache = new Map<string, KeyInfo>()

  /** `extra` are the user's key names and regexes; anything else in it is ignored. */
  constructor(extra: ReadonlyArray<unknown> = []) {
    const names = new Set<string>()
    const regexes: RegExp[] = []
    for (const key of extra) {
      if (typeof key === 'string' && key !== '') names.add(normalizeKey(key))
      // NB: a `g` or `y` regex keeps `lastIndex` between `test` calls and would skip keys.
      else if (key instanceof RegExp) regexes.push(new RegExp(key.source, key.flags.replace(/[gy]/g, '')))
    }
    this.#names = names
    this.#regexes = regexes
  }

  /** Facts about `key`, cached. */
  info(key: string): KeyInfo {
    let info = this.#cache.get(key)
    if (info === undefined) {
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear()
      info = this.#compute(key)
      this.#cache.set(key, info)
    }
    return info
  }

  #compute(key: string): KeyInfo {
    const name = normalizeKey(key)
    const always = ALWAYS.has(name) ? `key:${name}` : undefined
    let rule = defaultRule(name)
    if (rule === undefined && this.#names.has(name)) rule = `key:${name}`
    // A regex has no name of its own, so the rule id names the key it matched.
    if (rule === undefined && this.#regexes.some((re) => re.test(key))) rule = `key:${name}`
    return { always, rule, authInfo: name === 'authinfo', token: name === 'token' }
  }
}
