// Runs `prisma generate` without the Rust schema engine (which cannot be downloaded here):
// generate never calls the engine, but the CLI insists on a path, so we hand it a stub that explains itself.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const prisma = `${root}packages/db/node_modules/.bin/prisma`
const result = spawnSync(prisma, ['generate', '--config', `${root}prisma.config.ts`], {
  cwd: `${root}packages/db`,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: `${root}scripts/no-schema-engine.sh`,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
})
process.exit(result.status ?? 1)
