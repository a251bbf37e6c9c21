export { CollectorError, type CollectorErrorCode, isCollectorError } from './errors'
export type { BatchOptions } from './ingest/batch-writer'
export type { BodyLimits } from './ingest/http-body'
export { decodeExport, validate, type WireFormat } from './ingest/otlp-codec'
export {
  createOtlpReceiver,
  OTLP_TRACES_PATH,
  type OtlpReceiver,
  type ReceiverOptions,
} from './ingest/receiver'
export {
  type BootstrapIngestKey,
  type IngestKeyInfo,
  IngestKeyStore,
  type IngestKeyStoreOptions,
  type IngestKeyVerdict,
  type NewIngestKey,
} from './keys/ingest-key-store'
export { assertProjectId, type Project, ProjectStore, type ProjectStoreOptions } from './keys/project-store'
export { TtlCache } from './keys/ttl-cache'
export { VersionClock } from './keys/version-clock'
export type { CallContext } from './mapping/call-attributes'
export { PAYLOAD_KEYS } from './mapping/call-attributes'
export { mapSpans } from './mapping/map-export'
export { CALLER_FAULT_CODES } from './mapping/semconv'
export { eventLookupKey, mcpEventRow } from './mapping/to-mcp-event-rows'
export type { IngestLimits } from './otlp/types'
export { DEFAULT_LIMITS } from './otlp/validate'
export { insertRows, openStorage, queryRows, type Storage, type StorageOptions } from './storage/client'
export {
  type MigrationOptions,
  type MigrationResult,
  type RenderedMigration,
  renderMigrations,
  runMigrations,
} from './storage/migrations'
export { encodeRowBinary } from './storage/row-binary/encode-rows'
export type {
  CallOutcome,
  McpCallRow,
  McpEventKind,
  McpEventRow,
  SideEffect,
  SpanRow,
  StringMap,
  ToolVersionRow,
} from './storage/rows'
export { declaredColumnTypes } from './storage/schema/column-types'
export type { IngestKeyVerifier, Logger } from './types'
