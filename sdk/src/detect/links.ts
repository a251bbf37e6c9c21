/**
 * Markdown links and images, and HTML `<img src>`, that point at hosts the operator
 * did not allow. A remote image is the classic exfiltration channel: the client fetches
 * it without a click, with whatever the injected prompt put in its URL.
 */

/** Decides whether a host may be linked to. */
export type HostPolicy = (host: string) => boolean

/** Which of the two link rules fired. */
export interface LinkFindings {
  link: boolean
  image: boolean
}

/** The URL after `](`: `[text](url)` or `![alt](url)`, optionally in `<>`; protocol-relative counts. */
const INLINE_TARGET = /\]\(\s*<?((?:https?:)?\/\/[^\s)>]{1,2048})/gi
/** `[label]: url` reference definitions. */
const REFERENCE_DEFINITION = /^[ \t]{0,3}\[[^\]\n]{1,999}\]:[ \t]*<?((?:https?:)?\/\/[^\s>]{1,2048})/gim
/**
 * `<img … src="url">`. NB: the attribute scan stops at the next `<` and after 1,024
 * characters, so text made of repeated `<img` stays linear.
 */
const HTML_IMAGE = /<img\b[^<>]{0,1024}?\bsrc\s*=\s*["']?\s*((?:https?:)?\/\/[^\s"'>]{1,2048})/gi
/** How far back the opening `[` of `](` is searched for, to tell a link from an image. */
const MAX_LINK_TEXT = 1000

/**
 * Compiles `allowedHosts` (exact hosts, or `*.example.com` for subdomains) into a
 * policy. Entries are normalized like URL hosts (lowercase, punycode), so `Bücher.de`
 * allows `xn--bcher-kva.de`.
 */
export function compileHostPolicy(allowedHosts: readonly string[]): HostPolicy {
  const exact = new Set<string>()
  const suffixes: string[] = []
  for (const entry of allowedHosts) {
    if (typeof entry !== 'string') continue
    const wildcard = entry.startsWith('*.')
    const host = normalizeHost(wildcard ? entry.slice(2) : entry)
    if (host === '') continue
    if (wildcard) suffixes.push(`.${host}`)
    else exact.add(host)
  }
  return (host) => exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix))
}

/**
 * Finds links and images in `text` whose host `allowed` rejects. A URL that does not
 * parse counts as unexpected. NB: a reference definition (`[x]: url`) is reported as a
 * link even when an image uses it; it still raises the injection flag.
 */
export function findUnexpectedLinks(text: string, allowed: HostPolicy): LinkFindings {
  const found: LinkFindings = { link: false, image: false }
  for (const m of text.matchAll(HTML_IMAGE)) {
    if (!isAllowed(m[1]!, allowed)) {
      found.image = true
      break
    }
  }
  for (const m of text.matchAll(INLINE_TARGET)) {
    if (isAllowed(m[1]!, allowed)) continue
    if (isImageTarget(text, m.index)) found.image = true
    else found.link = true
    if (found.link && found.image) return found
  }
  if (!found.link) {
    for (const m of text.matchAll(REFERENCE_DEFINITION)) {
      if (!isAllowed(m[1]!, allowed)) {
        found.link = true
        break
      }
    }
  }
  return found
}

function isAllowed(url: string, allowed: HostPolicy): boolean {
  const host = hostOf(url)
  return host !== undefined && allowed(host)
}

/**
 * A plain ASCII host followed by the end of the authority: the common case, where
 * `URL.parse` would return the same text lowercased. Anything else (userinfo, IDN,
 * percent-escapes, IPv6) goes through `URL.parse`.
 */
const PLAIN_HOST = /^(?:https?:)?\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*)\.?(?:[/?#]|$)/i

function hostOf(url: string): string | undefined {
  const plain = PLAIN_HOST.exec(url)
  if (plain !== null) return plain[1]!.toLowerCase()
  const parsed = URL.parse(url.startsWith('//') ? `https:${url}` : url)
  if (parsed === null || parsed.hostname === '') return undefined
  return parsed.hostname.endsWith('.') ? parsed.hostname.slice(0, -1) : parsed.hostname
}

function normalizeHost(host: string): string {
  const trimmed = host.trim()
  if (trimmed === '') return ''
  return hostOf(`https://${trimmed}`) ?? trimmed.toLowerCase()
}

/**
 * Whether the `]` at `close` ends `![alt]` rather than `[text]`: walks back to the
 * matching `[`, counting nested brackets, so `[![img](a)](b)` is an image `a` inside a
 * link `b`.
 */
function isImageTarget(text: string, close: number): boolean {
  let depth = 0
  const stop = Math.max(0, close - MAX_LINK_TEXT)
  for (let i = close - 1; i >= stop; i--) {
    const c = text.charCodeAt(i)
    if (c === 0x5d /* ] */) depth++
    else if (c === 0x5b /* [ */) {
      if (depth === 0) return i > 0 && text.charCodeAt(i - 1) === 0x21 /* ! */
      depth--
    }
  }
  return false
}
