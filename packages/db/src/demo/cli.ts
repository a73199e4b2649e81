import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openStore } from '../store.ts'
import { DEFAULT_DEMO_PASSWORD } from './accounts.ts'
import { loadDemoDataIfEmpty } from './load.ts'
import { BENCH, DEMO } from './options.ts'

// `node packages/db/src/demo/cli.ts [--preset demo|bench] [--seed N] [--months N]`: loads a demo data set into
// DATABASE_URL, or the embedded store under DATA_DIR (default .data, like the API server), migrating first.
// Like the first start of the API it refuses to touch a database that already holds an organisation.
const { values } = parseArgs({
  options: { preset: { type: 'string', default: 'demo' }, seed: { type: 'string' }, months: { type: 'string' } },
})
const preset = values.preset === 'bench' ? BENCH : values.preset === 'demo' ? DEMO : undefined
if (!preset) throw new Error(`--preset must be demo or bench, not ${values.preset}`)

const root = resolve(import.meta.dirname, '../../../..')
const dataDir = resolve(process.env.DATA_DIR || resolve(root, '.data'))
const store = await openStore({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir })
try {
  let lastLog = 0
  const outcome = await loadDemoDataIfEmpty(store.pool, {
    password: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    preset: { ...preset, ...(values.months ? { months: Number(values.months) } : {}) },
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    onProgress: (table, rows) => {
      if (Date.now() - lastLog < 5_000) return
      lastLog = Date.now()
      console.log(`  ${table}: ${rows.toLocaleString('en')} rows`)
    },
  })
  if (!outcome.loaded) console.log('The database already holds an organisation: nothing loaded.')
  else console.log(`Loaded ${values.preset} in ${outcome.result?.durationMs} ms:`, outcome.result?.rows)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await store.close()
}
