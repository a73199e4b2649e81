import { resolve } from 'node:path'
import { openStore } from '../store.ts'

// `pnpm migrate`: applies pending migrations to DATABASE_URL, or to the embedded store under DATA_DIR
// (default .data at the repository root: the same variables and default as the API server).
const root = resolve(import.meta.dirname, '../../../..')
const dataDir = resolve(process.env.DATA_DIR || resolve(root, '.data'))

try {
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir })
  await store.close()
  const where = store.embedded ? `embedded store in ${dataDir}` : 'DATABASE_URL'
  console.log(
    store.applied.length === 0
      ? `Database is up to date (${where}).`
      : `Applied to ${where}:\n${store.applied.map((name) => `  ${name}`).join('\n')}`,
  )
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
