import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'

const here = dirname(fileURLToPath(import.meta.url))

/** The dashboard: a server-rendered Next.js app; every byte of data comes from the api over GraphQL. */
const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Parallel builds (one per test run or worktree) need their own output folder.
  distDir: process.env.TOLLGATE_WEB_DIST_DIR ?? '.next',
  // Types are checked once, by `pnpm lint` (tsc over the whole package); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // The monorepo root holds the lockfile; Turbopack resolves workspace packages from there.
  turbopack: { root: join(here, '..') },
}

export default config
