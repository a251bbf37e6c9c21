/**
 * Nest injection tokens for what the process builds outside Nest and passes in
 * (see `createAppModule`). Symbols, not classes: these are plain values, and
 * tsx/vitest emit no decorator metadata, so every constructor parameter names
 * its token with `@Inject`.
 */

/** The parsed `TollgateConfig`. */
export const CONFIG = Symbol('tollgate.config')
/** The collector's `Storage` handle. */
export const STORAGE = Symbol('tollgate.storage')
/** The pino logger. */
export const LOGGER = Symbol('tollgate.logger')
/** The prom-client `Registry` served at `/metrics`. */
export const METRICS_REGISTRY = Symbol('tollgate.metrics-registry')
/** The `IngestKeyVerifier` the receiver authenticates with. */
export const INGEST_KEYS = Symbol('tollgate.ingest-keys')
/** `(options: ReceiverOptions) => OtlpReceiver`. */
export const RECEIVER_FACTORY = Symbol('tollgate.receiver-factory')
/** The `OtlpReceiver` instance. */
export const OTLP_RECEIVER = Symbol('tollgate.otlp-receiver')
