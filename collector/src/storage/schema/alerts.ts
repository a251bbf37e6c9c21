import { column } from './common'
import { versionColumns } from './config'
import type { TableDef } from './types'

const LC = 'LowCardinality(String)'
const MS = 'DateTime64(3)'

/**
 * `alert_rules`: per-project rules (denial spike vs baseline, rate thresholds,
 * misuse, tool-definition change). The rule-specific settings and the delivery
 * targets (webhook / Slack) are JSON owned by the api's alert module, so adding a
 * rule kind needs no migration. Mutable: ReplacingMergeTree, conventions in `config.ts`.
 */
export const alertRulesTable: TableDef = {
  name: 'alert_rules',
  columns: [
    column('id', 'String'),
    column('project_id', LC),
    column('name', 'String'),
    column('kind', LC),
    column('params', 'String', { default: "'{}'" }),
    column('destinations', 'String', { default: "'[]'" }),
    column('enabled', 'UInt8', { default: '1' }),
    column('created_by', 'String', { default: "''" }),
    column('created_at', MS),
    ...versionColumns(),
  ],
  engine: { kind: 'ReplacingMergeTree', version: 'version', isDeleted: 'deleted' },
  orderBy: ['project_id', 'id'],
  shardingKey: 'cityHash64(id)',
}

/**
 * `alert_events`: one row per firing, updated in place (new version) as it is
 * delivered and resolved. No `deleted`: the history of what fired is kept.
 */
export const alertEventsTable: TableDef = {
  name: 'alert_events',
  columns: [
    column('id', 'String'),
    column('project_id', LC),
    column('rule_id', 'String'),
    column('state', LC),
    column('fired_at', MS),
    column('resolved_at', MS, { default: '0' }),
    column('value', 'Float64', { default: '0' }),
    column('threshold', 'Float64', { default: '0' }),
    column('message', 'String', { default: "''" }),
    column('details', 'String', { default: "'{}'" }),
    column('delivery_status', LC, { default: "'pending'" }),
    column('delivery_attempts', 'UInt16', { default: '0' }),
    column('last_error', 'String', { default: "''" }),
    ...versionColumns(false),
  ],
  engine: { kind: 'ReplacingMergeTree', version: 'version' },
  orderBy: ['project_id', 'rule_id', 'id'],
  shardingKey: 'cityHash64(id)',
}
