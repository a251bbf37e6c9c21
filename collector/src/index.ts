export { CollectorError, type CollectorErrorCode, isCollectorError } from './errors'
export { insertRows, openStorage, type Storage, type StorageOptions } from './storage/client'
export type { IngestLimits } from './otlp/types'
export type { IngestKeyVerifier, Logger } from './types'
export { createOtlpReceiver, OTLP_TRACES_PATH, type OtlpReceiver, type ReceiverOptions } from './ingest/receiver'
export type { BatchOptions } from './ingest/batch-writer'
export type { BodyLimits } from './ingest/http-body'
export {
  runMigrations,
  renderMigrations,
  type MigrationOptions,
  type MigrationResult,
  type RenderedMigration,
} from './storage/migrations'
export {
  IngestKeyStore,
  type BootstrapIngestKey,
  type IngestKeyInfo,
  type IngestKeyStoreOptions,
  type IngestKeyVerdict,
  type NewIngestKey,
} from './keys/ingest-key-store'
export { ProjectStore, assertProjectId, type Project, type ProjectStoreOptions } from './keys/project-store'
export { VersionClock } from './keys/version-clock'
