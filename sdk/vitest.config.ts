import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['tollgate-source'] },
  test: {
    name: 'sdk',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
  },
})
