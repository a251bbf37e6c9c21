import { column } from './common'
import type { ColumnDef, EngineDef, TableDef } from './types'

/*
 * Small mutable tables (DESIGN.md: one database, not two). Each change inserts
 * the whole row again with a higher `version`; ReplacingMergeTree keeps the newest
 * per sort key, and `deleted = 1` hides a row under `FINAL`. Readers use `FINAL`
 * (these tables are tiny). Conventions:
 * - times are DateTime64(3) (milliseconds); "never" is 0 (1970-01-01), no Nullable;
 * - the sort key is the row's identity and never changes between versions;
 * - on a cluster the sharding key is the identity too, so every version of a row
 *   lands on one shard and `FINAL` (applied per shard) sees them all.
 */

const LC = 'LowCardinality(String)'
const MS = 'DateTime64(3)'

/** Columns every mutable config table ends with. */
export function versionColumns(withDeleted = true): ColumnDef[] {
  return [
    column('updated_at', MS, { default: 'now64(3)' }),
    // Monotonic per writer (see keys/version-clock.ts); equal versions keep the last inserted row.
    column('version', 'UInt64'),
    ...(withDeleted ? [column('deleted', 'UInt8', { default: '0' })] : []),
  ]
}

const REPLACING: EngineDef = { kind: 'ReplacingMergeTree', version: 'version', isDeleted: 'deleted' }

/** `projects`: a project owns ingest keys, members, data. */
export const projectsTable: TableDef = {
  name: 'projects',
  columns: [column('id', 'String'), column('name', 'String'), column('created_at', MS), ...versionColumns()],
  engine: REPLACING,
  orderBy: ['id'],
  shardingKey: 'cityHash64(id)',
}

/** `ingest_keys`: write-only keys per project, stored as SHA-256 hashes (see keys/ingest-key-store.ts). */
export const ingestKeysTable: TableDef = {
  name: 'ingest_keys',
  columns: [
    column('id', 'String'),
    column('project_id', LC),
    column('name', 'String'),
    column('prefix', 'String'),
    column('key_hash', 'String'),
    column('created_at', MS),
    column('revoked_at', MS, { default: '0' }),
    ...versionColumns(),
  ],
  engine: REPLACING,
  orderBy: ['project_id', 'id'],
  shardingKey: 'cityHash64(id)',
}

/** `users`: dashboard / API readers. */
export const usersTable: TableDef = {
  name: 'users',
  columns: [
    column('id', 'String'),
    column('username', 'String'),
    column('password_hash', 'String'),
    column('created_at', MS),
    column('disabled', 'UInt8', { default: '0' }),
    ...versionColumns(),
  ],
  engine: REPLACING,
  orderBy: ['id'],
  shardingKey: 'cityHash64(id)',
}

/** `api_tokens`: bearer tokens of users, stored hashed. */
export const apiTokensTable: TableDef = {
  name: 'api_tokens',
  columns: [
    column('id', 'String'),
    column('user_id', 'String'),
    column('name', 'String'),
    column('prefix', 'String'),
    column('token_hash', 'String'),
    column('created_at', MS),
    column('revoked_at', MS, { default: '0' }),
    column('last_used_at', MS, { default: '0' }),
    ...versionColumns(),
  ],
  engine: REPLACING,
  orderBy: ['user_id', 'id'],
  shardingKey: 'cityHash64(user_id, id)',
}

/** `project_members`: a user's role in a project (`viewer | investigator | admin`). */
export const projectMembersTable: TableDef = {
  name: 'project_members',
  columns: [
    column('project_id', LC),
    column('user_id', 'String'),
    column('role', LC),
    column('created_at', MS, { default: 'now64(3)' }),
    ...versionColumns(),
  ],
  engine: REPLACING,
  orderBy: ['project_id', 'user_id'],
  shardingKey: 'cityHash64(project_id, user_id)',
}
