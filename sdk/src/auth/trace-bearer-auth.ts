import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Attributes, diag, SpanKind, type TracerProvider, trace } from '@opentelemetry/api'
import type { McpAuthInfo } from '../internal-types.js'
import * as sc from '../semconv.js'
import { identityAttributes, identityFromClaims } from '../server/identity.js'
import { SDK_NAME, SDK_VERSION } from '../version.js'
import { parseBearerChallenge, refusalReason } from './refusal-reason.js'

/** An OAuth access-token verifier, as `requireBearerAuth` takes it. */
export interface TokenVerifier {
  verifyAccessToken(token: string): Promise<McpAuthInfo>
}

/** An Express/Connect-style middleware over Node's request and response (or subclasses of them). */
export type Middleware<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
> = (req: Req, res: Res, next: (error?: unknown) => void) => unknown

/** Options of {@link traceBearerAuth}. */
export interface RefusalTracingOptions {
  /** `serverInfo.name` of the MCP server behind the auth layer. */
  serverName?: string
  /** The MCP endpoint's resource URL: the denied resource, and the audience to compare. */
  resourceUrl?: string
  /** @default the global tracer provider */
  tracerProvider?: TracerProvider
}

/**
 * Wraps a bearer-auth middleware factory (`requireBearerAuth` of `@modelcontextprotocol/sdk`,
 * or any factory taking `{ verifier, … }` that answers refusals with an RFC 6750 challenge)
 * so every request it refuses with 401 or 403 becomes a `tollgate.auth.refused` span: who
 * tried (what the token yielded), why they were refused, which scopes were required.
 * Requests it lets through, and the responses it sends, are untouched.
 */
export function traceBearerAuth<
  O extends { verifier: TokenVerifier },
  Req extends IncomingMessage,
  Res extends ServerResponse,
>(
  factory: (options: O) => Middleware<Req, Res>,
  tracing: RefusalTracingOptions = {},
): (options: O) => Middleware<Req, Res> {
  const tracer = (tracing.tracerProvider ?? trace.getTracerProvider()).getTracer(SDK_NAME, SDK_VERSION)
  return (options) => (req, res, next) => {
    let authInfo: McpAuthInfo | undefined
    let passed = false
    const verifier: TokenVerifier = {
      verifyAccessToken: async (token) => {
        authInfo = await options.verifier.verifyAccessToken(token)
        return authInfo
      },
    }
    res.once('finish', () => {
      if (passed || (res.statusCode !== 401 && res.statusCode !== 403)) return
      try {
        recordRefusal(tracer, req, res, authInfo, tracing)
      } catch (error) {
        diag.error('tollgate: could not record a refused connection', error)
      }
    })
    return factory({ ...options, verifier })(req, res, (error?: unknown) => {
      passed = error === undefined
      next(error)
    })
  }
}

function recordRefusal(
  tracer: ReturnType<TracerProvider['getTracer']>,
  req: IncomingMessage,
  res: ServerResponse,
  authInfo: McpAuthInfo | undefined,
  tracing: RefusalTracingOptions,
): void {
  const challenge = parseBearerChallenge(headerText(res.getHeader('www-authenticate')))
  const reason = refusalReason(res.statusCode, challenge, req.headers.authorization !== undefined)
  const attributes: Attributes = {
    [sc.ATTR_AUTHZ_OUTCOME]: 'denied',
    [sc.ATTR_AUTHZ_DENIAL_SOURCE]: 'auth',
    [sc.ATTR_HTTP_RESPONSE_STATUS_CODE]: res.statusCode,
    [sc.ATTR_AUTH_REFUSAL_REASON]: reason,
    ...identityAttributes(authInfo, identityFromClaims(authInfo), tracing.resourceUrl),
  }
  if (reason === 'insufficient_scope' && challenge.scope) {
    attributes[sc.ATTR_AUTH_REQUIRED_SCOPES] = challenge.scope.split(' ').filter(Boolean)
  }
  if (tracing.serverName) attributes[sc.ATTR_SERVER_NAME] = tracing.serverName
  if (req.socket?.remoteAddress) attributes[sc.ATTR_CLIENT_ADDRESS] = req.socket.remoteAddress
  const span = tracer.startSpan(sc.SPAN_AUTH_REFUSED, { kind: SpanKind.SERVER, attributes })
  span.addEvent(sc.EVENT_DENIAL, {
    [sc.ATTR_DENIAL_RESOURCE]: tracing.resourceUrl ?? req.url ?? '',
    [sc.ATTR_DENIAL_ACTION]: 'connect',
    [sc.ATTR_DENIAL_REASON]: challenge.error_description ?? reason,
  })
  span.end()
}

function headerText(value: number | string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined
  return Array.isArray(value) ? value.join(', ') : String(value)
}
