import { defineConfig } from 'vitest/config'

// One test command for the whole repository: every workspace package is a vitest project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
})
