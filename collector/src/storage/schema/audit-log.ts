import { column } from './common'
import type { TableDef } from './types'

/**
 * `audit_log`: every payload read and every admin change (DESIGN.md "Security
 * model"). Append only: plain MergeTree, never updated, no TTL (how long audit
 * records are kept is a policy decision, not a default).
 *
 * `id` defaults to a fresh UUID so two identical entries written in the same
 * millisecond are two rows, not one block a replicated table would deduplicate.
 */
export const auditLogTable: TableDef = {
  name: 'audit_log',
  columns: [
    column('id', 'UUID', { default: 'generateUUIDv4()' }),
    column('time', 'DateTime64(3)', { default: 'now64(3)' }),
    column('actor', 'String'),
    column('action', 'LowCardinality(String)'),
    column('project_id', 'LowCardinality(String)', { default: "''" }),
    column('target', 'String', { default: "''" }),
    column('details', 'String', { default: "'{}'", codec: 'ZSTD(1)' }),
  ],
  engine: { kind: 'MergeTree' },
  partitionBy: 'toYYYYMM(time)',
  orderBy: ['project_id', 'time'],
  shardingKey: 'cityHash64(id)',
}
