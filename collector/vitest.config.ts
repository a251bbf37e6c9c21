import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'collector',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // chdb is one engine per process: every test file runs in its own forked process.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
