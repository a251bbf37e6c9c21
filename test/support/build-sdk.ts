import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { REPO_ROOT } from './spawn-server'

/**
 * Vitest global setup: compiles `@tollgate/sdk` to `sdk/dist`, so suites that start a
 * server with `node --import @tollgate/sdk/register` run what a user installs.
 */
export default function buildSdk(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', join(REPO_ROOT, 'sdk/tsconfig.build.json')], {
    stdio: 'inherit',
  })
}
