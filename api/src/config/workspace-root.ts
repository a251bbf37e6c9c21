import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The nearest directory at or above `from` holding `pnpm-workspace.yaml`, or
 * `from` itself when there is none (an installed copy outside the monorepo).
 *
 * Why: `pnpm serve` / `pnpm tollgate` at the repo root run the api's scripts
 * with the *package* directory (`api/`) as cwd, while a user reads
 * `./.tollgate/data` as relative to the repo. Resolving against the workspace
 * root makes every entry point (root scripts, `cd api && pnpm serve`, tests)
 * agree on one data directory.
 */
export function findWorkspaceRoot(from: string): string {
  let dir = from
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return from
    dir = parent
  }
}
