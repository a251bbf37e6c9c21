import { open } from 'node:fs/promises'
import { join } from 'node:path'

/** Name of the first-run secrets file inside the data directory. */
export const SECRETS_FILE = 'first-run-secrets.json'

/**
 * Writes `content` as JSON to `<dir>/first-run-secrets.json`, created with
 * mode 0600 in one step (`open(..., 'wx', 0o600)`: no window in which another
 * user could read it, and never over an existing file). When that file
 * already exists (say, left from a database that was since wiped) the copy
 * goes to `first-run-secrets-<timestamp>.json` instead: an older secret is
 * never overwritten. Returns the path written.
 */
export async function writeSecretsFile(
  dir: string,
  content: object,
  now: Date = new Date(),
): Promise<string> {
  const text = `${JSON.stringify(content, null, 2)}\n`
  const primary = join(dir, SECRETS_FILE)
  try {
    await writeExclusive(primary, text)
    return primary
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const fallback = join(dir, `first-run-secrets-${stamp}.json`)
  await writeExclusive(fallback, text)
  return fallback
}

async function writeExclusive(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600)
  try {
    await handle.writeFile(text, 'utf8')
    // The umask cannot widen 0600, but make the mode explicit rather than rely on it.
    await handle.chmod(0o600)
  } finally {
    await handle.close()
  }
}
