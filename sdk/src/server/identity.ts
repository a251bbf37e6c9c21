import type { Attributes } from '@opentelemetry/api'
import type { McpAuthInfo } from '../internal-types.js'
import * as sc from '../semconv.js'
import type { Identity } from '../types.js'

/**
 * The default resolver: the claims a JWT-based auth layer usually leaves in
 * `authInfo.extra` (`sub`, `act.sub` or `azp`, `tenant`).
 */
export function identityFromClaims(authInfo: McpAuthInfo | undefined): Identity {
  const claims = authInfo?.extra ?? {}
  const act = claims.act
  const actor = typeof act === 'object' && act !== null ? (act as Record<string, unknown>).sub : undefined
  return {
    userId: str(claims.sub) ?? str(claims.userId),
    agentId: str(actor) ?? str(claims.azp) ?? str(claims.agentId),
    tenant: str(claims.tenant) ?? str(claims.tid),
  }
}

/** SEMCONV.md §3.1 attributes of an authenticated request. The token itself never leaves. */
export function identityAttributes(
  authInfo: McpAuthInfo | undefined,
  identity: Identity,
  resourceUrl: string | undefined,
): Attributes {
  const attributes: Attributes = {}
  if (identity.userId) attributes[sc.ATTR_USER_ID] = identity.userId
  if (identity.agentId) attributes[sc.ATTR_AGENT_ID] = identity.agentId
  if (identity.tenant) attributes[sc.ATTR_TENANT] = identity.tenant
  if (authInfo === undefined) return attributes
  if (authInfo.clientId) attributes[sc.ATTR_OAUTH_CLIENT_ID] = authInfo.clientId
  if (Array.isArray(authInfo.scopes)) attributes[sc.ATTR_OAUTH_SCOPES] = authInfo.scopes.map(String)
  if (typeof authInfo.expiresAt === 'number' && Number.isFinite(authInfo.expiresAt)) {
    const expiry = new Date(authInfo.expiresAt * 1000)
    if (!Number.isNaN(expiry.getTime())) attributes[sc.ATTR_TOKEN_EXPIRES_AT] = expiry.toISOString()
  }
  const audiences = audiencesOf(authInfo)
  if (audiences.length > 0) {
    attributes[sc.ATTR_TOKEN_AUDIENCE] = audiences.join(' ')
    if (resourceUrl !== undefined) {
      const want = normalizeResource(resourceUrl)
      attributes[sc.ATTR_TOKEN_AUDIENCE_MATCH] = audiences.some((aud) => normalizeResource(aud) === want)
    }
  }
  return attributes
}

/** The token's audiences: the RFC 8707 `resource` the auth layer checked, else the `aud` claim. */
function audiencesOf(authInfo: McpAuthInfo): string[] {
  if (authInfo.resource !== undefined) return [String(authInfo.resource)]
  const aud = authInfo.extra?.aud
  if (typeof aud === 'string') return [aud]
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string')
  return []
}

/** `https://x/mcp/` and `https://x/mcp` name the same resource. */
function normalizeResource(value: string): string {
  try {
    const url = new URL(value)
    url.hash = ''
    return url.href.replace(/\/$/, '')
  } catch {
    return value.replace(/\/$/, '')
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
