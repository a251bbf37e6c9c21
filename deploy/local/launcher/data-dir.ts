import { readdirSync, readFileSync } from 'node:fs'
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * What the launcher keeps in (and reads from) the data directory, beside the engine's data.
 */

/** The demo's own ingest key: created once with `tollgate keys create`, kept mode 0600. */
export const DEMO_KEY_FILE = 'demo-ingest-key'
/** Written by the server's first start (see api/src/bootstrap/secrets-file.ts). */
export const FIRST_RUN_SECRETS_FILE = 'first-run-secrets.json'

/** True when `dir` does not exist or holds nothing: Tollgate never ran on it. */
export function isFreshDataDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw error
  }
}

/** The stored demo ingest key, or undefined when there is none yet. */
export async function readDemoKey(dataDir: string): Promise<string | undefined> {
  const text = await readFile(join(dataDir, DEMO_KEY_FILE), 'utf8').catch(() => undefined)
  const key = text?.trim()
  return key === undefined || key === '' ? undefined : key
}

/** Stores `key` as `<dataDir>/demo-ingest-key`, created 0600 in one step, never over an existing file. */
export async function saveDemoKey(dataDir: string, key: string): Promise<string> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, DEMO_KEY_FILE)
  const handle = await open(path, 'wx', 0o600)
  try {
    await handle.writeFile(`${key}\n`, 'utf8')
  } finally {
    await handle.close()
  }
  return path
}

/** Path of the first-run secrets file when it still exists and holds the admin password. */
export function secretsFileWithPassword(dataDir: string): string | undefined {
  const path = join(dataDir, FIRST_RUN_SECRETS_FILE)
  try {
    const secrets = JSON.parse(readFileSync(path, 'utf8')) as { admin?: { password?: unknown } }
    return typeof secrets.admin?.password === 'string' ? path : undefined
  } catch {
    return undefined
  }
}
