import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    // One embedded PostgreSQL per test run with a migrated template; createTestDatabase() copies it per file.
    globalSetup: ['../../packages/db/src/testing/global-setup.ts'],
    // The lifecycle test starts the real server twice (embedded PostgreSQL init + start each time).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
