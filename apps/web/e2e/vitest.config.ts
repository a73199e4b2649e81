import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The e2e project: real server (node scripts/start.mjs on a temp demo database) + Debian Chromium.
// Part of the root `pnpm test` (listed in the root vitest.config.ts); alone: pnpm vitest run --project e2e.
// Files run one after another against one server.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['**/*.e2e.ts'],
    globalSetup: ['./support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
})
