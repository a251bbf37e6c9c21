import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStorage, type Storage, type StorageOptions } from '@tollgate/collector'
import { ApiError } from '../errors'

/**
 * `openStorage` with the embedded engine's one trap explained. The engine
 * binds a data directory to one process (it locks `<dir>/status`), so a CLI
 * run while `pnpm serve` holds the same directory fails deep in the native
 * addon with "Failed to create connection". Turn that into one actionable line.
 */
export function openStorageExplained(options: StorageOptions): Storage {
  try {
    return openStorage(options)
  } catch (err) {
    if (options.kind === 'embedded' && isChdbConnectionError(err)) {
      const holder = lockHolder(options.dataDir)
      const who = holder === undefined ? 'another process' : `another process (pid ${holder})`
      throw new ApiError(
        'STORAGE.LOCKED',
        `cannot open the embedded engine in ${options.dataDir}: it is in use by ${who}. ` +
          'The embedded engine allows one process per data directory: stop `pnpm serve` ' +
          '(or whatever holds it) or point CLICKHOUSE_URL at a ClickHouse server.',
        { cause: err },
      )
    }
    throw err
  }
}

function isChdbConnectionError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'CHDB_CONNECTION'
}

/** The pid the engine wrote to `<dir>/status` ("PID: 1234"), if that process is alive. */
function lockHolder(dataDir: string): number | undefined {
  let text: string
  try {
    text = readFileSync(join(dataDir, 'status'), 'utf8')
  } catch {
    return undefined
  }
  const pid = Number(/^PID:\s*(\d+)/m.exec(text)?.[1])
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return undefined
  }
}
