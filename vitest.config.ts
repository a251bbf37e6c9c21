import { defineConfig } from 'vitest/config'

// One run for the whole monorepo: each package is a vitest project with its own config.
export default defineConfig({
  test: {
    projects: ['sdk', 'collector', 'api', 'web', 'test', 'test/browser'],
  },
})
