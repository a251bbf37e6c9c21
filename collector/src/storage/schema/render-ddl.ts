import { CollectorError } from '../../errors'
import type { ColumnDef, EngineDef, RenderTarget, TableDef, ViewDef } from './types'

/**
 * The one DDL generator. Single node: each `TableDef` becomes one MergeTree-family
 * table. Cluster: `<t>_local` (Replicated*, `ON CLUSTER`) holds the data on every
 * shard and `<t>` is a Distributed table over it, so readers and writers use the
 * same name in both modes.
 *
 * Materialized views read the *local* source table and write the *local* target
 * on the node that received the block (the standard pattern, as in SigNoz and the
 * OTel ClickHouse exporter): the view fires inside the shard's own insert, so a
 * retried block that the local table deduplicates is deduplicated in the view's
 * target too, and no second network hop is taken. A shard therefore holds the
 * partial aggregates of the rows it stores; reads through the Distributed target
 * merge them (every lookup/rollup query aggregates with min/max/sum/-Merge anyway).
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Name of the table that physically holds the rows (`<t>_local` on a cluster). */
export function localTableName(name: string, target: RenderTarget): string {
  return target.cluster === undefined ? name : `${name}_local`
}

/** ZooKeeper/Keeper path of a replicated local table; `{shard}` and `{database}` are server macros. */
export function replicationPath(name: string): string {
  return `/clickhouse/tables/{shard}/{database}/${name}_local`
}

/** `CREATE DATABASE IF NOT EXISTS` for the target. */
export function renderDatabase(target: RenderTarget): string {
  checkTarget(target)
  return `CREATE DATABASE IF NOT EXISTS ${target.database}${onCluster(target)}`
}

/** DDL for one table: one statement on a single node, local + Distributed on a cluster. */
export function renderTable(def: TableDef, target: RenderTarget): string[] {
  checkTarget(target)
  const local = renderStorageTable(def, target)
  if (target.cluster === undefined) return [local]
  const columns = def.columns.map((c) => `    ${renderColumn(c, false)}`).join(',\n')
  const distributed = [
    `CREATE TABLE IF NOT EXISTS ${target.database}.${def.name}${onCluster(target)}`,
    `(\n${columns}\n)`,
    `ENGINE = Distributed(${target.cluster}, ${target.database}, ${localTableName(def.name, target)}, ${def.shardingKey})`,
    ...(def.comment === undefined ? [] : [`COMMENT ${quote(def.comment)}`]),
  ].join('\n')
  return [local, distributed]
}

/** DDL for one materialized view (local source → local target on a cluster; see the module comment). */
export function renderView(view: ViewDef, target: RenderTarget): string {
  checkTarget(target)
  const db = target.database
  return [
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.${view.name}${onCluster(target)}`,
    `TO ${db}.${localTableName(view.target, target)}`,
    `AS SELECT\n${view.select.map((s) => `    ${s}`).join(',\n')}`,
    `FROM ${db}.${localTableName(view.source, target)}`,
    ...(view.where === undefined ? [] : [`WHERE ${view.where}`]),
    ...(view.groupBy === undefined ? [] : [`GROUP BY ${view.groupBy.join(', ')}`]),
  ].join('\n')
}

function renderStorageTable(def: TableDef, target: RenderTarget): string {
  const body = [
    ...def.columns.map((c) => renderColumn(c, true)),
    ...(def.indexes ?? []).map(
      (i) => `INDEX ${i.name} ${i.expr} TYPE ${i.type} GRANULARITY ${i.granularity}`,
    ),
    ...(def.projections ?? []).map((p) => `PROJECTION ${p.name} (${p.query})`),
  ]
  const settings = renderSettings(def, target)
  return [
    `CREATE TABLE IF NOT EXISTS ${target.database}.${localTableName(def.name, target)}${onCluster(target)}`,
    `(\n${body.map((line) => `    ${line}`).join(',\n')}\n)`,
    `ENGINE = ${renderEngine(def.engine, def.name, target)}`,
    ...(def.partitionBy === undefined ? [] : [`PARTITION BY ${def.partitionBy}`]),
    `ORDER BY (${def.orderBy.join(', ')})`,
    ...(def.ttl === undefined ? [] : [`TTL ${def.ttl}`]),
    ...(settings === '' ? [] : [`SETTINGS ${settings}`]),
    ...(def.comment === undefined ? [] : [`COMMENT ${quote(def.comment)}`]),
  ].join('\n')
}

/** `full` adds codec and column TTL, which only the table that stores the data takes. */
function renderColumn(c: ColumnDef, full: boolean): string {
  let out = `\`${c.name}\` ${c.type}`
  if (c.default !== undefined) out += ` DEFAULT ${c.default}`
  if (full && c.codec !== undefined) out += ` CODEC(${c.codec})`
  if (full && c.ttl !== undefined) out += ` TTL ${c.ttl}`
  return out
}

function renderEngine(engine: EngineDef, name: string, target: RenderTarget): string {
  const args = engine.kind === 'ReplacingMergeTree' ? [engine.version, engine.isDeleted] : []
  const params = args.filter((a): a is string => a !== undefined)
  if (target.cluster === undefined) {
    return params.length === 0 ? engine.kind : `${engine.kind}(${params.join(', ')})`
  }
  const replication = [quote(replicationPath(name)), quote('{replica}'), ...params]
  return `Replicated${engine.kind}(${replication.join(', ')})`
}

function renderSettings(def: TableDef, target: RenderTarget): string {
  const settings: Record<string, string | number> = {}
  if (def.dedupWindow !== undefined) {
    const key =
      target.cluster === undefined ? 'non_replicated_deduplication_window' : 'replicated_deduplication_window'
    settings[key] = def.dedupWindow
  }
  Object.assign(settings, def.settings)
  return Object.entries(settings)
    .map(([k, v]) => `${k} = ${typeof v === 'number' ? v : quote(v)}`)
    .join(', ')
}

function onCluster(target: RenderTarget): string {
  return target.cluster === undefined ? '' : ` ON CLUSTER ${target.cluster}`
}

function quote(s: string): string {
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
}

function checkTarget(target: RenderTarget): void {
  if (!IDENTIFIER.test(target.database)) {
    throw new CollectorError('STORAGE.CONFIG', `invalid database name ${JSON.stringify(target.database)}`)
  }
  if (target.cluster !== undefined && !IDENTIFIER.test(target.cluster)) {
    throw new CollectorError('STORAGE.CONFIG', `invalid cluster name ${JSON.stringify(target.cluster)}`)
  }
}
