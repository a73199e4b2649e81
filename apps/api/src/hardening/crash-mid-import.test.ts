import { spawn, spawnSync } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { readFile } from 'node:fs/promises'
import { createPool } from '@kpi/db/client'
import { findPostmasters } from '@kpi/db/postgres-processes'
import type pg from 'pg'
import { repoRoot } from '../config.ts'
import { loginAs } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'

// Issue "Hardening" 3: the API process is SIGKILLed while a large import runs (one transaction). Afterwards the
// database holds all of the import or none of it, and running the import again completes it. The product runs as
// `pnpm start` does (scripts/start.mjs → tsx server.ts → embedded PostgreSQL under DATA_DIR). The SIGKILL leaves
// that PostgreSQL behind as an orphan; the next start on the same DATA_DIR takes it over (embedded.ts), and at the
// end no process of the data directory is left.

const rows = 150_000

let dir: string
let pool: pg.Pool | undefined
let tenant: Tenant

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-crash-'))
  await chmod(dir, 0o711) // the embedded server runs as the postgres user and must reach its data directory
})
afterAll(async () => {
  await pool?.end()
  // Should a failed test leave its postmaster behind, stop exactly that one (fast shutdown).
  for (const pid of findPostmasters(join(dir, 'data', 'postgres'))) process.kill(pid, 'SIGINT')
  for (let i = 0; i < 100 && findPostmasters(join(dir, 'data', 'postgres')).length > 0; i++) await sleep(100)
  await rm(dir, { recursive: true, force: true })
})

async function closePool(): Promise<void> {
  await pool?.end()
  pool = undefined
}

/** A pool on the product's embedded cluster: password from kpi-store.json, port from postmaster.pid (line 4). */
async function connect(): Promise<pg.Pool> {
  const cluster = join(dir, 'data', 'postgres')
  const { password } = JSON.parse(await readFile(join(cluster, 'kpi-store.json'), 'utf8')) as { password: string }
  const port = (await readFile(join(cluster, 'postmaster.pid'), 'utf8')).split('\n')[3]!.trim()
  await pool?.end()
  pool = createPool(`postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/kpi`, { max: 2 })
  return pool
}

type Product = { pid: number; output: () => string; exited: Promise<unknown> }

function startProduct(): Product {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: join(dir, 'data'),
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'warn',
      SKIP_WEB_BUILD: '1',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise((resolve) => child.on('exit', resolve))
  if (child.pid === undefined) throw new Error('spawn failed')
  return { pid: child.pid, output: () => output, exited }
}

/** The banner's base URL once /api/health answers 200 (bounded poll, ~60 s for a loaded 2-core machine). */
async function waitForBase(product: Product): Promise<string> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const port = /Sales KPI dashboard: http:\/\/127\.0\.0\.1:(\d+)/.exec(product.output())?.[1]
    if (port !== undefined) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      )
      if (ok) return `http://127.0.0.1:${port}`
    }
    await sleep(200)
  }
  throw new Error(`not healthy; output:\n${product.output()}`)
}

/** The API process: the `tsx server.ts` child of start.mjs. */
function apiPid(product: Product): number {
  const found = spawnSync('pgrep', ['-P', String(product.pid), '-f', 'server.ts'], { encoding: 'utf8' }).stdout.trim()
  const pid = Number(found.split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no API process under ${product.pid}`)
  return pid
}

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
    `select count(*)::int as n from activities where external_id like 'CRASH-%'`,
  )
  return found[0]!.n
}

/** Other sessions on the database that hold a transaction id, i.e. have written something not yet committed. */
async function openWriteTransactions(): Promise<number> {
  const { rows: found } = await pool!.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`,
  )
  return found[0]!.n
}

test('SIGKILL of the API mid-import: all or nothing; the re-run completes it', async () => {
  const first = startProduct()
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
  for (let i = 0; i < 300 && findPostmasters(join(dir, 'data', 'postgres')).length > 0; i++) await sleep(100)

  const second = startProduct()
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
  for (let i = 0; i < 100 && findPostmasters(join(dir, 'data', 'postgres')).length > 0; i++) await sleep(100)
  expect(spawnSync('pgrep', ['-a', '-f', dir], { encoding: 'utf8' }).stdout.trim()).toBe('')
}, 180_000)
