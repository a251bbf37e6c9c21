import { defineConfig } from 'vitest/config'

// The dashboard in a real Chromium against a started Tollgate (api + web on loopback, seeded
// data). One stack for all files (global setup); files run one at a time: two cores.
export default defineConfig({
  test: {
    name: 'browser',
    include: ['**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['./support/dashboard-stack.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
