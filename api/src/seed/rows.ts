/**
 * The insert-row shapes the generator writes: the collector's own (`storage/rows.ts`), so a
 * column the collector adds or renames breaks the seed at compile time.
 */
export type {
  CallOutcome,
  McpCallRow,
  McpEventKind,
  McpEventRow,
  SideEffect,
  SpanRow,
  StringMap,
  ToolVersionRow,
} from '@tollgate/collector'
