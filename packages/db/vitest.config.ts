import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'db',
    include: ['src/**/*.test.ts'],
    // One embedded PostgreSQL per run with a migrated template (see src/testing/global-setup.ts).
    globalSetup: ['./src/testing/global-setup.ts'],
    // Cluster start-ups in the embedded-store tests take ~1 s each on a busy 2-core machine; leave slack.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
