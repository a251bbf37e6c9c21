import { column } from './common'
import { versionColumns } from './config'
import type { TableDef } from './types'

const MS = 'DateTime64(3)'

/**
 * `login_sessions`: the web's sign-ins (the api's `tg_session` cookie). Only the
 * SHA-256 of the session token and of its CSRF token are stored, so a read of this
 * table cannot be replayed as a cookie. Mutable (a logout writes a new version with
 * `revoked_at`), ReplacingMergeTree with the conventions of `config.ts`; the sort key
 * is the token hash, the one thing a request is looked up by.
 *
 * Rows go a week after they expire: an expired session is useless, and the audit log
 * (not this table) is the record of who signed in when.
 */
export const loginSessionsTable: TableDef = {
  name: 'login_sessions',
  columns: [
    column('token_hash', 'String'),
    column('user_id', 'String'),
    column('csrf_hash', 'String'),
    column('created_at', MS),
    column('expires_at', MS),
    column('revoked_at', MS, { default: '0' }),
    ...versionColumns(),
  ],
  engine: { kind: 'ReplacingMergeTree', version: 'version', isDeleted: 'deleted' },
  orderBy: ['token_hash'],
  ttl: 'toDateTime(expires_at) + INTERVAL 7 DAY',
  shardingKey: 'cityHash64(token_hash)',
}
