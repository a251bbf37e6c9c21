import type { TestCollector } from './in-process'

/** Row counts of the tables the ingest path writes. */
export interface TableCounts {
  spans: number
  mcp_calls: number
  mcp_events: number
  tool_versions: number
}

/** Counts the rows of every data table (one query, so the four numbers are one moment). */
export async function tableCounts(c: TestCollector): Promise<TableCounts> {
  const db = c.storage.database
  const [row] = await c.rows<Record<keyof TableCounts, string>>(
    `SELECT (SELECT count() FROM ${db}.spans) AS spans,
            (SELECT count() FROM ${db}.mcp_calls) AS mcp_calls,
            (SELECT count() FROM ${db}.mcp_events) AS mcp_events,
            (SELECT count() FROM ${db}.tool_versions) AS tool_versions`,
  )
  return {
    spans: Number(row!.spans),
    mcp_calls: Number(row!.mcp_calls),
    mcp_events: Number(row!.mcp_events),
    tool_versions: Number(row!.tool_versions),
  }
}

/** How many `spans` rows each of `spanIds` has (0 for absent ids). */
export async function spanIdCounts(
  c: TestCollector,
  spanIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await c.rows<{ span_id: string; n: string }>(
    `SELECT span_id, count() AS n FROM ${c.storage.database}.spans
     WHERE span_id IN {ids:Array(String)} GROUP BY span_id`,
    { ids: spanIds },
  )
  const counts = new Map(spanIds.map((id) => [id, 0]))
  for (const r of rows) counts.set(r.span_id, Number(r.n))
  return counts
}

/** Current value of an unlabelled counter or gauge in the collector's registry (0 when never set). */
export async function metricValue(
  c: TestCollector,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = c.registry.getSingleMetric(name)
  if (!metric) throw new Error(`metric ${name} is not registered`)
  const { values } = await metric.get()
  const match = values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l))
  return match?.value ?? 0
}
