import { defineConfig } from 'vitest/config'

// One test command for the whole repository: every workspace package is a vitest project.
// The JSON report is what .ci/run counts for its closing "N passed, N failed" line.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-report.json' },
  },
})
