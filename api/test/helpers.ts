import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorage, runMigrations, type Storage } from '@tollgate/collector'
import type { Logger } from 'pino'
import { parseConfig, type TollgateConfig } from '../src/config/config'
import { createLogger } from '../src/logging/logger'

/** A fresh temp directory; the caller removes it with {@link removeDir}. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `tollgate-api-${label}-`))
}

/** Removes a temp directory made by {@link tempDir}. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** A config over `dataDir` with ephemeral ports, parsed like the real one. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): TollgateConfig {
  return parseConfig(
    { TOLLGATE_DATA_DIR: dataDir, TOLLGATE_OTLP_PORT: '0', TOLLGATE_API_PORT: '0', ...env },
    { baseDir: dataDir },
  )
}

/**
 * Storage on the embedded engine in `dataDir`, in a fresh database, migrated.
 * Several databases may share one data directory: the engine allows one
 * directory per process, so test cases needing a blank slate use a new database.
 */
export async function migratedStorage(dataDir: string, database = uniqueDatabase()): Promise<Storage> {
  const storage = openStorage({ kind: 'embedded', dataDir, database })
  // Tests write rows at fixed dates: with the default retention (30 days), the engine would
  // drop them once those dates are a month old.
  await runMigrations(storage, {
    retentionDays: TEST_RETENTION_DAYS,
    payloadRetentionDays: TEST_RETENTION_DAYS,
  })
  return storage
}

/** Ten years: longer than any fixed test date is old. */
const TEST_RETENTION_DAYS = 3650

/** A database name no other test case uses. */
export function uniqueDatabase(): string {
  return `tg_api_${randomBytes(4).toString('hex')}`
}

/** A logger that writes nowhere. */
export function silentLogger(): Logger {
  return createLogger('silent')
}

/** Collects what is written to it, like a stream. */
export class Capture {
  text = ''
  write(chunk: string): boolean {
    this.text += chunk
    return true
  }
}
