import { defineConfig } from 'vitest/config'

// The dashboard in a real Chromium against a started Tollgate (api + web on loopback, seeded
// data). One stack for all files (global setup); files run one at a time: two cores. The suite
// runs after every other project (groupOrder 1): a browser waiting on a page shares the two
// cores with nothing but its own stack, so a slow machine is not a red run.
export default defineConfig({
  test: {
    name: 'browser',
    include: ['**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    globalSetup: ['./support/dashboard-stack.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
