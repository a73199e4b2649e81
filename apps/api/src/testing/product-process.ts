import { spawn, spawnSync } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createPool } from '@kpi/db/client'
import { findPostmasters } from '@kpi/db/postgres-processes'
import type pg from 'pg'
import { repoRoot } from '../config.ts'

// The product as `pnpm start` runs it (scripts/start.mjs → the API bundle → embedded PostgreSQL under DATA_DIR),
// on a fresh temporary data directory: for the lifecycle tests, the soak run and the whole-process hardening tests.

export type Product = {
  /** start.mjs (signals sent here are forwarded to the API once). */
  pid: number
  dataDir: string
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** A fresh directory the embedded server (run as the `postgres` user when we are root) can enter. */
export async function freshDataDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  await chmod(dir, 0o755)
  return join(dir, 'data')
}

export function startProduct(dataDir: string, env: Record<string, string> = {}): Product {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // The API is what is under test; the web bundle's build check has its own test.
      SKIP_WEB_BUILD: '1',
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  if (child.pid === undefined) throw new Error('spawn failed')
  return { pid: child.pid, dataDir, output: () => output, exited }
}

/** The banner's base URL once /api/health answers 200 (bounded poll: initdb + demo load on a busy machine). */
export async function waitForBase(product: Product, timeoutMs = 180_000): Promise<string> {
  let exited = false
  void product.exited.then(() => (exited = true))
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !exited) {
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
  throw new Error(`not healthy (exited: ${exited}); output:\n${product.output()}`)
}

/** The API process: the `node … apps/api/dist/server.mjs` child of start.mjs. */
export function apiPid(product: Product): number {
  const found = spawnSync('pgrep', ['-P', String(product.pid), '-f', 'dist/server.mjs'], { encoding: 'utf8' }).stdout
  const pid = Number(found.trim().split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no API process under ${product.pid}`)
  return pid
}

/** Resident set size of a process in KiB (VmRSS in /proc/<pid>/status). */
export async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  if (kib === undefined) throw new Error(`no VmRSS for ${pid}`)
  return Number(kib)
}

/** A pool on the product's embedded cluster: password from kpi-store.json, port from postmaster.pid (line 4). */
export async function connectToProduct(dataDir: string, max = 4): Promise<pg.Pool> {
  const cluster = join(dataDir, 'postgres')
  const { password } = JSON.parse(await readFile(join(cluster, 'kpi-store.json'), 'utf8')) as { password: string }
  const port = (await readFile(join(cluster, 'postmaster.pid'), 'utf8')).split('\n')[3]!.trim()
  return createPool(`postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/kpi`, { max })
}

/** Processes whose command line mentions the directory (the postmaster runs with `-D <dataDir>/postgres`). */
export function processesUsing(dir: string): string {
  return spawnSync('pgrep', ['-a', '-f', dir], { encoding: 'utf8' }).stdout.trim()
}

/** After a run: stop exactly the postmaster a failure may have left behind, then remove the directory. */
export async function cleanUp(dataDir: string): Promise<void> {
  for (const pid of findPostmasters(join(dataDir, 'postgres'))) process.kill(pid, 'SIGINT')
  for (let i = 0; i < 100 && findPostmasters(join(dataDir, 'postgres')).length > 0; i++) await sleep(100)
  await rm(join(dataDir, '..'), { recursive: true, force: true })
}
