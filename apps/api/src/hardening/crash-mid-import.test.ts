import { spawn, spawnSync } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@kpi/db/embedded'
import { openStore, type Store } from '@kpi/db/store'
import { repoRoot } from '../config.ts'
import { loginAs } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'

// Issue "Hardening" 3: the API process is SIGKILLed while a large import runs (one transaction). Afterwards the
// database holds all of the import or none of it, and running the import again completes it. The product runs as
// `pnpm start` does (scripts/start.mjs → tsx server.ts) against a cluster of this test's own (DATABASE_URL), so the
// kill hits only the API process and the database outlives it, as an external PostgreSQL would.

const rows = 150_000

let dir: string
let pg: EmbeddedPostgresServer
let store: Store
let tenant: Tenant

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-crash-'))
  await chmod(dir, 0o711) // the embedded server runs as the postgres user and must reach its data directory
  pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), database: 'kpi', ephemeral: true })
  store = await openStore({ databaseUrl: pg.url, dataDir: dir })
  tenant = await seedTenant(store.pool)
})
afterAll(async () => {
  await store?.close()
  await pg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

type Product = { pid: number; output: () => string; exited: Promise<unknown> }

function startProduct(): Product {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: join(dir, 'data'),
      DATABASE_URL: pg.url,
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
  const { rows: found } = await store.pool.query<{ n: number }>(
    `select count(*)::int as n from activities where external_id like 'CRASH-%'`,
  )
  return found[0]!.n
}

/** Other sessions on the database that hold a transaction id, i.e. have written something not yet committed. */
async function openWriteTransactions(): Promise<number> {
  const { rows: found } = await store.pool.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`,
  )
  return found[0]!.n
}

test('SIGKILL of the API mid-import: all or nothing; the re-run completes it', async () => {
  const csv = activitiesCsv()
  const first = startProduct()
  const base = await waitForBase(first)
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

  // PostgreSQL rolls back the dead client's transaction once it notices the socket closed: wait for that.
  for (let attempt = 0; attempt < 600 && (await openWriteTransactions()) > 0; attempt++) await sleep(100)
  expect(await openWriteTransactions()).toBe(0)
  const afterCrash = await countImported()
  console.info(`crash mid-import: transaction seen ${sawTransaction}, request ${outcome}, rows after ${afterCrash}`)
  expect([0, rows]).toContain(afterCrash)

  // Restart and import again: complete, and nothing doubled (upsert by externalId).
  const second = startProduct()
  try {
    const again = await importCsv(await waitForBase(second), csv)
    expect(again.status, await again.clone().text()).toBe(200)
    expect(await countImported()).toBe(rows)
  } finally {
    process.kill(second.pid, 'SIGTERM')
    await second.exited
  }
  // No process of this test's products is left (the cluster is the test's own and stops in afterAll).
  expect(spawnSync('pgrep', ['-f', join(dir, 'data')], { encoding: 'utf8' }).stdout.trim()).toBe('')
}, 180_000)
