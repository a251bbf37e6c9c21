import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['./support/build-sdk.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
