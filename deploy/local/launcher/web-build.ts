import { type Stats, statSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Whether the dashboard's production build must be (re)made: there is none (`BUILD_ID`
 * missing), or some input changed after it was made. `newestInputMs` is undefined when no
 * input could be found (then the existing build is kept).
 */
export function webBuildIsStale(
  buildIdMtimeMs: number | undefined,
  newestInputMs: number | undefined,
): boolean {
  if (buildIdMtimeMs === undefined) return true
  return newestInputMs !== undefined && newestInputMs > buildIdMtimeMs
}

/**
 * The newest modification time (ms) of the files at `paths`, walking directories
 * (skipping `node_modules` and dot-folders); undefined when none exists.
 */
export async function newestMtimeMs(paths: readonly string[]): Promise<number | undefined> {
  let newest: number | undefined
  const see = (ms: number) => {
    newest = newest === undefined ? ms : Math.max(newest, ms)
  }
  const visit = async (path: string, info: Stats): Promise<void> => {
    if (!info.isDirectory()) {
      see(info.mtimeMs)
      return
    }
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      const child = join(path, entry.name)
      const childInfo = await stat(child).catch(() => undefined)
      if (childInfo !== undefined) await visit(child, childInfo)
    }
  }
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (info !== undefined) await visit(path, info)
  }
  return newest
}

/** Modification time of `path` in ms, or undefined when it does not exist. */
export function mtimeMsOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs
  } catch {
    return undefined
  }
}

/** What the dashboard's build is made from (besides installed packages), relative to the repo root. */
export const WEB_BUILD_INPUTS = [
  'web/src',
  'web/next.config.ts',
  'web/package.json',
  'api/schema.graphql',
] as const

/** Whether `<webDir>/<distDir>` needs `next build`, judged from the inputs under `repoRoot`. */
export async function webNeedsBuild(repoRoot: string, distDir: string): Promise<boolean> {
  const buildId = mtimeMsOf(join(repoRoot, 'web', distDir, 'BUILD_ID'))
  const newest = await newestMtimeMs(WEB_BUILD_INPUTS.map((p) => join(repoRoot, p)))
  return webBuildIsStale(buildId, newest)
}
