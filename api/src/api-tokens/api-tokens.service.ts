import { randomUUID } from 'node:crypto'
import type { AuditLog } from '../audit/audit-log'
import { apiTokenDisplayPrefix, generateApiToken, hashApiToken } from '../auth/api-token'
import type { ApiTokenRecord } from '../auth/auth.repository'
import type { RequestAuthenticator } from '../auth/request-authenticator'
import { apiError, requireViewer, type Viewer } from '../auth/viewer'
import type { ApiTokensRepository } from './api-tokens.repository'

const MAX_NAME_LENGTH = 100

/**
 * A user's own API tokens: create (the token is returned once), list, revoke. Tokens act as
 * their user, so nobody manages another user's tokens. Creating and revoking are audited
 * (target = token id, no project, never the token).
 */
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly authenticator: RequestAuthenticator,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  async create(viewer: Viewer | null, name: string): Promise<{ token: string; record: ApiTokenRecord }> {
    const user = requireViewer(viewer)
    const trimmed = name.trim()
    if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) {
      throw apiError('BAD_USER_INPUT', `name must be 1–${MAX_NAME_LENGTH} characters`)
    }
    const token = generateApiToken()
    const record: ApiTokenRecord = {
      id: `tok_${randomUUID()}`,
      userId: user.userId,
      name: trimmed,
      prefix: apiTokenDisplayPrefix(token),
      tokenHash: hashApiToken(token),
      createdAt: this.now(),
      revokedAt: 0,
    }
    await this.audit.record({
      actor: user.username,
      action: 'api_token.created',
      projectId: '',
      target: record.id,
      details: { userId: user.userId, name: record.name, prefix: record.prefix },
    })
    await this.tokens.create(record)
    return { token, record }
  }

  async list(viewer: Viewer | null): Promise<ApiTokenRecord[]> {
    return this.tokens.listByUser(requireViewer(viewer).userId)
  }

  /** Revokes your token `id`; effective at once in this process (see `RequestAuthenticator`). */
  async revoke(viewer: Viewer | null, id: string): Promise<ApiTokenRecord> {
    const user = requireViewer(viewer)
    const record = id.length > 100 ? null : await this.tokens.findOwn(user.userId, id)
    if (record === null)
      throw apiError('BAD_USER_INPUT', `You have no API token with id ${JSON.stringify(id.slice(0, 64))}`)
    if (record.revokedAt !== 0) return record
    const revokedAt = this.now()
    await this.audit.record({
      actor: user.username,
      action: 'api_token.revoked',
      projectId: '',
      target: record.id,
      details: { userId: user.userId, name: record.name, prefix: record.prefix },
    })
    await this.tokens.revoke(record, revokedAt)
    this.authenticator.forgetApiToken(record.tokenHash)
    return { ...record, revokedAt }
  }
}
