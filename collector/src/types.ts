/** Minimal structured logger the collector writes to (pino satisfies it). Never log secrets through it. */
export interface Logger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
  debug(obj: object, msg?: string): void
}

/** What the receiver needs to authenticate an ingest key (implemented by `IngestKeyStore`). */
export interface IngestKeyVerifier {
  /**
   * Resolves the project of a presented key: `{ projectId }` when valid,
   * `'revoked'` for a known but revoked key, `null` for an unknown key.
   */
  verify(key: string): Promise<{ projectId: string; keyId: string } | 'revoked' | null>
}
