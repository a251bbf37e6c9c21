import { localTableName, renderTable, renderView } from './render-ddl'
import type { RenderTarget, TableDef, ViewDef } from './types'

/**
 * The INSERT that fills a view's target from the rows its source already holds, exactly as
 * the view would have: for migrations that add or rebuild a view-fed table on a database
 * with data.
 */
export function backfillStatement(view: ViewDef, target: RenderTarget): string {
  const db = target.database
  return [
    `INSERT INTO ${db}.${view.target} (${view.select.map(targetColumn).join(', ')})`,
    `SELECT ${view.select.join(', ')}`,
    `FROM ${db}.${view.source}`,
    ...(view.where === undefined ? [] : [`WHERE ${view.where}`]),
    ...(view.groupBy === undefined ? [] : [`GROUP BY ${view.groupBy.join(', ')}`]),
  ].join('\n')
}

/**
 * (Re)creates a view-fed table under its definition and fills it from its views' sources.
 * Every step can run again after a crash: the table is derived, so dropping it loses nothing
 * the sources do not hold.
 */
export function rebuildStatements(
  table: TableDef,
  views: readonly ViewDef[],
  target: RenderTarget,
): string[] {
  const db = target.database
  const cluster = target.cluster === undefined ? '' : ` ON CLUSTER ${target.cluster}`
  const local = localTableName(table.name, target)
  return [
    ...views.map((view) => `DROP VIEW IF EXISTS ${db}.${view.name}${cluster}`),
    ...(target.cluster === undefined ? [] : [`DROP TABLE IF EXISTS ${db}.${table.name}${cluster}`]),
    `DROP TABLE IF EXISTS ${db}.${local}${cluster}`,
    ...renderTable(table, target),
    ...views.map((view) => backfillStatement(view, target)),
    ...views.map((view) => renderView(view, target)),
  ]
}

/** The target column a select expression fills: its alias, or the bare column name. */
function targetColumn(expression: string): string {
  return expression.split(' AS ').at(-1) as string
}
