import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'
import { cpuSecondsBetween, postgresCpuByProcess } from '../apps/api/src/csv/bench/measure.ts'
import { readPostmasterPid } from '../packages/db/src/postgres-processes.ts'
import { benchRoot } from './build-db.ts'

export type RunningServer = { base: string; child: ChildProcess; coldStartMs: number; apiPid: () => number | undefined }

/** `pnpm start`'s script (node scripts/start.mjs) on an existing data dir; resolves at the first 200 on /api/health. */
export async function startServer(dataDir: string, port: number): Promise<RunningServer> {
  const started = performance.now()
  const child = spawn(process.execPath, [resolve(benchRoot, 'scripts/start.mjs')], {
    cwd: benchRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DEMO_DATA: 'false', SKIP_WEB_BUILD: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ok) break
    await new Promise((r) => setTimeout(r, 25))
  }
  const coldStartMs = performance.now() - started
  // start.mjs runs the API as its child: that node process (not start.mjs) is the one whose RSS matters.
  const apiPid = () => {
    try {
      const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)
      return kids[0] ? Number(kids[0]) : undefined
    } catch {
      return undefined
    }
  }
  return { base, child, coldStartMs, apiPid }
}

export async function stopServer(server: RunningServer): Promise<void> {
  if (server.child.exitCode !== null) return
  const exited = new Promise((r) => server.child.once('exit', r))
  server.child.kill('SIGTERM')
  await exited
}

/** CPU seconds so far of the API process and of each process of the embedded PostgreSQL under `dataDir` (Linux). */
export type ServerCpu = { api: number; postgres: Map<number, number> }

export async function serverCpu(server: RunningServer, dataDir: string): Promise<ServerCpu> {
  const postmaster = readPostmasterPid(resolve(dataDir, 'postgres'))
  let api = 0
  try {
    const stat = readFileSync(`/proc/${server.apiPid()}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    api = (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, USER_HZ ticks
  } catch {
    // the API process is gone: report 0
  }
  return { api, postgres: postmaster ? await postgresCpuByProcess(postmaster) : new Map() }
}

/** CPU seconds the API and PostgreSQL used between two samples. */
export function cpuBetween(before: ServerCpu, after: ServerCpu): { api: number; postgres: number } {
  return { api: after.api - before.api, postgres: cpuSecondsBetween(before.postgres, after.postgres) }
}

/** The running server's embedded PostgreSQL (its port from postmaster.pid, the password the store keeps). */
function runningDatabaseUrl(dataDir: string): string {
  const postgresDir = resolve(dataDir, 'postgres')
  const port = readFileSync(resolve(postgresDir, 'postmaster.pid'), 'utf8').split('\n')[3]!.trim()
  const { password } = JSON.parse(readFileSync(resolve(postgresDir, 'kpi-store.json'), 'utf8')) as { password: string }
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/kpi`
}

/**
 * Resolves once the alert detector has looked at every organisation's current data version. A write queues a
 * detection after a debounce (and after the organisation's rest since its last one): a second of quiet right
 * after an import is the debounce, not the end of the work it caused.
 */
async function waitForDetections(dataDir: string, limitMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: runningDatabaseUrl(dataDir) })
  await client.connect()
  try {
    const started = performance.now()
    for (;;) {
      const { rows } = await client.query<{ behind: number }>(
        `SELECT count(*)::int AS behind FROM kpi_data_versions v
          LEFT JOIN alert_detections d ON d.organization_id = v.organization_id
          WHERE coalesce(d.data_version, -1) < v.version`,
      )
      if (rows[0]!.behind === 0 || performance.now() - started > limitMs) return
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await client.end()
  }
}

/**
 * Waits until the server does nothing by itself — the alert detections of every write done, then API and
 * PostgreSQL together under 0.1 core for a whole second (after a start the alert detector's first run, after load
 * the answer cache's background refreshes) — so a throughput figure measures the import and not what it shared two
 * cores with. Gives up after `limitMs`; returns the time waited.
 */
export async function waitForQuiet(server: RunningServer, dataDir: string, limitMs = 180_000): Promise<number> {
  const started = performance.now()
  await waitForDetections(dataDir, limitMs)
  for (;;) {
    const before = await serverCpu(server, dataDir)
    await new Promise((r) => setTimeout(r, 1000))
    const used = cpuBetween(before, await serverCpu(server, dataDir))
    if (used.api + used.postgres < 0.1 || performance.now() - started > limitMs) break
  }
  return Math.round(performance.now() - started)
}

/** VmRSS of a process in MB, from /proc (Linux). */
export function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

/** Log in over real HTTP (CSRF cookie first, as a browser gets it from GET /api/me). */
export async function login(base: string, email: string, password = 'demo1234'): Promise<Record<string, string>> {
  const csrf = 'bench-csrf-token'
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { cookie: `kpi_csrf=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`)
  const cookies: Record<string, string> = {}
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    const at = pair.indexOf('=')
    cookies[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1))
  }
  return {
    cookie: `kpi_session=${cookies['kpi_session']}; kpi_csrf=${cookies['kpi_csrf']}`,
    'x-csrf-token': cookies['kpi_csrf'] ?? '',
  }
}
