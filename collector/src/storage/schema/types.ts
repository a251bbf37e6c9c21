/**
 * Table definitions as data. One definition renders single-node DDL (MergeTree
 * family) and cluster DDL (Replicated local table + Distributed table) through
 * `render-ddl.ts`, so the two can never drift apart.
 */

/** One column. `type` is the exact ClickHouse type (see `rows.ts` for the data tables). */
export interface ColumnDef {
  readonly name: string
  readonly type: string
  /** `DEFAULT` expression; every column the writers may omit needs one. */
  readonly default?: string
  /** `CODEC(...)` arguments, e.g. `'Delta, ZSTD(1)'`. Local/single-node tables only. */
  readonly codec?: string
  /** Column TTL expression (`toDateTime(timestamp) + INTERVAL 7 DAY`). Local/single-node tables only. */
  readonly ttl?: string
}

/** A data-skipping index. */
export interface IndexDef {
  readonly name: string
  readonly expr: string
  /** e.g. `bloom_filter(0.01)`, `set(8)`, `minmax`. */
  readonly type: string
  readonly granularity: number
}

/** A projection: a second sort order of the same rows kept by the engine. */
export interface ProjectionDef {
  readonly name: string
  /** The projection's query, e.g. `SELECT * ORDER BY (project_id, trace_id)`. */
  readonly query: string
}

/** MergeTree-family engine; rendered as `Replicated<Engine>` in cluster mode. */
export type EngineDef =
  | { readonly kind: 'MergeTree' }
  | { readonly kind: 'AggregatingMergeTree' }
  /** `version` keeps the newest row per sort key; `isDeleted` (UInt8) hides rows under `FINAL`. */
  | { readonly kind: 'ReplacingMergeTree'; readonly version: string; readonly isDeleted?: string }

/** A table. `name` is the name readers and writers use (the Distributed table in cluster mode). */
export interface TableDef {
  readonly name: string
  readonly comment?: string
  readonly columns: readonly ColumnDef[]
  readonly engine: EngineDef
  readonly orderBy: readonly string[]
  readonly partitionBy?: string
  /** Row TTL expression. */
  readonly ttl?: string
  readonly indexes?: readonly IndexDef[]
  readonly projections?: readonly ProjectionDef[]
  /**
   * Insert-deduplication window (blocks). Rendered as `non_replicated_deduplication_window`
   * on single node (where it defaults to 0 = off) and `replicated_deduplication_window`
   * on a cluster, so a retried insert with the same `insert_deduplication_token` is
   * dropped. Needed on every table an ingest retry can reach, MV targets included
   * (probed: without it an MV target double-counts a deduplicated retry).
   */
  readonly dedupWindow?: number
  /** Other MergeTree settings, rendered verbatim. */
  readonly settings?: Readonly<Record<string, string | number>>
  /**
   * Cluster only: the Distributed table's sharding key. Must be deterministic
   * (never `rand()`): a retried insert has to reach the same shard to be deduplicated.
   */
  readonly shardingKey: string
}

/** A materialized view: `SELECT <select> FROM <source> [WHERE] [GROUP BY]` into `target`. */
export interface ViewDef {
  readonly name: string
  /** Source table name (as in `TableDef.name`). */
  readonly source: string
  /** Target table name (as in `TableDef.name`). */
  readonly target: string
  /** Select-list expressions, each aliased to a target column. */
  readonly select: readonly string[]
  readonly where?: string
  readonly groupBy?: readonly string[]
}

/** Where DDL is rendered for. */
export interface RenderTarget {
  /** Database name (validated identifier). */
  readonly database: string
  /** Cluster name (`CLICKHOUSE_CLUSTER`): Replicated local tables + Distributed tables. */
  readonly cluster?: string
}

/** Retention, in days, rendered into TTL clauses. */
export interface Retention {
  /** Rows of spans, calls and events. */
  readonly rowDays: number
  /** `input` / `output` payload columns of `mcp_calls`. */
  readonly payloadDays: number
  /** Minute rollups (dashboards over long ranges). */
  readonly rollupDays: number
}
