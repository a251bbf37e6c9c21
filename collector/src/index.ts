export { CollectorError, type CollectorErrorCode, isCollectorError } from './errors'
export { insertRows, openStorage, type Storage, type StorageOptions } from './storage/client'
export type { IngestLimits } from './otlp/types'
export type { IngestKeyVerifier, Logger } from './types'
