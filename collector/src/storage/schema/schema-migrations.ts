import { column } from './common'
import type { TableDef } from './types'

/**
 * `schema_migrations`: one row per applied migration, written after all of its
 * statements succeeded. Two processes migrating at once may both record an id;
 * readers take `DISTINCT id`, and every statement is `IF NOT EXISTS`, so that race
 * is harmless.
 */
export const schemaMigrationsTable: TableDef = {
  name: 'schema_migrations',
  columns: [
    column('id', 'String'),
    // SHA-256 prefix of the rendered statements: tells when an applied migration
    // would render differently now (e.g. retention changed after the first start).
    column('checksum', 'String'),
    column('applied_at', 'DateTime64(3)', { default: 'now64(3)' }),
  ],
  engine: { kind: 'MergeTree' },
  orderBy: ['id'],
  shardingKey: 'cityHash64(id)',
}
