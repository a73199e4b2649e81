import { defineConfig } from 'vitest/config'

// One test command for the whole repository: every workspace package is a vitest project.
// The JSON report is what .ci/run counts for its closing "N passed, N failed" line.
export default defineConfig({
  test: {
    // apps/web/e2e is its own project (real server + Debian Chromium); the glob only finds apps/*/vitest.config.ts.
    projects: ['packages/*', 'apps/*', 'apps/web/e2e/vitest.config.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-report.json' },
  },
})
