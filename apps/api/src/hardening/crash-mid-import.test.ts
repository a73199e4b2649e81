import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { findPostmasters } from '@kpi/db/postgres-processes'
import type pg from 'pg'
import { loginAs } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import {
  apiPid,
  cleanUp,
  connectToProduct,
  freshDataDir,
  processesUsing,
  startProduct,
  waitForBase,
} from '../testing/product-process.ts'

// Issue "Hardening" 3: the API process is SIGKILLed while a large import runs (one transaction). Afterwards the
// database holds all of the import or none of it, and running the import again completes it. The product runs as
// `pnpm start` does (scripts/start.mjs → the API bundle → embedded PostgreSQL under DATA_DIR). The SIGKILL leaves
// that PostgreSQL behind as an orphan; the next start on the same DATA_DIR takes it over (embedded.ts), and at the
// end no process of the data directory is left.

const rows = 150_000

let dataDir: string
let pool: pg.Pool | undefined
let tenant: Tenant

beforeAll(async () => {
  dataDir = await freshDataDir('kpi-crash-')
})
afterAll(async () => {
  await pool?.end()
  await cleanUp(dataDir)
})

async function closePool(): Promise<void> {
  await pool?.end()
  pool = undefined
}

/** A pool on the product's embedded cluster (a restart may put the new postmaster on another port). */
async function connect(): Promise<pg.Pool> {
  await closePool()
  pool = await connectToProduct(dataDir, 2)
  return pool
}

const start = () => startProduct(dataDir, { DEMO_DATA: 'off' })

function activitiesCsv(): string {
  const rep = tenant.teams[0].reps[0].email
  const lines = ['externalId,type,userEmail,occurredAt,notes']
  // 150k rows, ~9 MB: long enough that the import's transaction is still open when we look for it.
  for (let i = 0; i < rows; i++) lines.push(`CRASH-${i},CALL,${rep},2026-01-05T10:00:00Z,row ${i}`)
  return lines.join('\r\n') + '\r\n'
}

async function importCsv(base: string, csv: string): Promise<Response> {
  const admin = await loginAs(base, tenant.admin.email)
  return fetch(`${base}/api/import/activities?dryRun=false`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'text/csv' },
    body: csv,
  })
}

async function countImported(): Promise<number> {
  const { rows: found } = await pool!.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM activities WHERE external_id LIKE 'CRASH-%'`,
  )
  return found[0]!.n
}

/** Other sessions on the database that hold a transaction id, i.e. have written something not yet committed. */
async function openWriteTransactions(): Promise<number> {
  const { rows: found } = await pool!.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
  )
  return found[0]!.n
}

test('SIGKILL of the API mid-import: all or nothing; the re-run completes it', async () => {
  const first = start()
  const base = await waitForBase(first)
  // No demo data: the test's own organisation, seeded straight into the product's database.
  tenant = await seedTenant(await connect())
  const csv = activitiesCsv()
  expect(await countImported()).toBe(0)

  const request = importCsv(base, csv).then(
    (response) => `answered ${response.status}`,
    () => 'connection lost',
  )
  // Wait until the import's transaction has written rows (or the import already finished), then kill the API.
  let sawTransaction = false
  for (let attempt = 0; attempt < 1200; attempt++) {
    if ((await openWriteTransactions()) > 0) {
      sawTransaction = true
      break
    }
    if ((await Promise.race([request, sleep(50).then(() => 'pending')])) !== 'pending') break
  }
  process.kill(apiPid(first), 'SIGKILL')
  await first.exited
  const outcome = await request

  // start.mjs answers its API's death by stopping the process group, so the embedded PostgreSQL gets a fast
  // shutdown (which aborts the open transaction); were it left running, the next start takes the orphan over.
  await closePool()
  for (let i = 0; i < 300 && findPostmasters(join(dataDir, 'postgres')).length > 0; i++) await sleep(100)

  const second = start()
  try {
    const secondBase = await waitForBase(second)
    await connect() // a new postmaster, possibly on another port
    const afterCrash = await countImported()
    console.info(`crash mid-import: transaction seen ${sawTransaction}, request ${outcome}, rows after ${afterCrash}`)
    expect([0, rows]).toContain(afterCrash)
    const again = await importCsv(secondBase, csv)
    expect(again.status, await again.clone().text()).toBe(200)
    expect(await countImported()).toBe(rows)
  } finally {
    process.kill(second.pid, 'SIGTERM')
    await second.exited
  }
  await closePool()
  // The API stopped its PostgreSQL: nothing of this data directory is left running.
  for (let i = 0; i < 100 && findPostmasters(join(dataDir, 'postgres')).length > 0; i++) await sleep(100)
  expect(processesUsing(join(dataDir, '..'))).toBe('')
}, 180_000)
