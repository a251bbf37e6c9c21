import { insertRows, queryRows, type Storage, VersionClock } from '@tollgate/collector'
import type { ApiTokenRecord } from '../auth/auth.repository'

interface TokenRow {
  id: string
  user_id: string
  name: string
  prefix: string
  token_hash: string
  created_at: string
  revoked_at: string
}

/**
 * The SQL of a user's own API tokens (`api_tokens`, collector schema `config.ts`): create,
 * list, revoke. One instance writes every version of these rows (one `VersionClock`).
 */
export class ApiTokensRepository {
  constructor(
    private readonly storage: Storage,
    private readonly clock: VersionClock = new VersionClock(),
  ) {}

  /** Stores a new token (hash and display prefix only). */
  async create(token: Omit<ApiTokenRecord, 'revokedAt'>): Promise<void> {
    await insertRows(this.storage, 'api_tokens', [{ ...this.row(token), version: this.clock.next() }])
  }

  /** `userId`'s tokens, oldest first, revoked ones included. */
  async listByUser(userId: string): Promise<ApiTokenRecord[]> {
    return this.select('user_id = {userId:String}', { userId })
  }

  /** `userId`'s token `id`, or null (someone else's token is not found either). */
  async findOwn(userId: string, id: string): Promise<ApiTokenRecord | null> {
    return (await this.select('user_id = {userId:String} AND id = {id:String}', { userId, id }))[0] ?? null
  }

  /** Marks `token` revoked at `at`. */
  async revoke(token: ApiTokenRecord, at: number): Promise<void> {
    await insertRows(this.storage, 'api_tokens', [
      { ...this.row(token), revoked_at: String(at), version: this.clock.next() },
    ])
  }

  private row(token: Omit<ApiTokenRecord, 'revokedAt'>): Record<string, string> {
    return {
      id: token.id,
      user_id: token.userId,
      name: token.name,
      prefix: token.prefix,
      token_hash: token.tokenHash,
      created_at: String(token.createdAt),
    }
  }

  private async select(where: string, params: Record<string, string>): Promise<ApiTokenRecord[]> {
    const rows = await queryRows<TokenRow>(
      this.storage,
      `SELECT id, user_id, name, prefix, token_hash,
              toString(toUnixTimestamp64Milli(created_at)) AS created_at,
              toString(toUnixTimestamp64Milli(revoked_at)) AS revoked_at
       FROM ${this.storage.database}.api_tokens FINAL
       WHERE ${where}
       ORDER BY created_at, id`,
      params,
    )
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      name: r.name,
      prefix: r.prefix,
      tokenHash: r.token_hash,
      createdAt: Number(r.created_at),
      revokedAt: Number(r.revoked_at),
    }))
  }
}
