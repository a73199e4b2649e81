import { resolve } from 'node:path'
import { openStore } from '@kpi/db/store'
const store = await openStore({ dataDir: resolve('/work/main/.bench-data/full') })
try {
  for (const sql of process.argv.slice(2)) {
    const t = performance.now()
    const { rows } = await store.pool.query(sql)
    console.log(`-- ${(performance.now() - t).toFixed(0)} ms`)
    for (const r of rows) console.log(Object.values(r).join(' | '))
  }
} finally { await store.close() }
