import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))

export type ServerEnv = Record<string, string | ((baseUrl: string) => string)>

function resolveEnv(env: ServerEnv | ((baseUrl: string) => Record<string, string>), baseUrl: string) {
  if (typeof env === 'function') return env(baseUrl)
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, typeof value === 'function' ? value(baseUrl) : value]),
  )
}

export type RunningServer = { baseUrl: string; stop: () => Promise<void>; output: () => string }

/** A free TCP port on 127.0.0.1 (asked from the OS, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * `node scripts/start.mjs` (builds the web app when stale, then the API serving it) on a fresh embedded database
 * in a temp DATA_DIR with the demo organisation (admin@/manager@/rep@example.com, password demo1234). Resolves
 * once /api/health answers 200; `stop()` sends SIGTERM, waits for the exit and removes the data directory.
 * `env` adds or overrides variables, e.g. `{ DEMO_DATA: 'false' }` for an empty installation, SMTP_URL or OIDC_*
 * (a function gets the base URL, e.g. for PUBLIC_URL); its PORT, when given, is the port the server listens on.
 */
export async function startServer({
  timeoutMs = 240_000,
  env = {},
}: {
  timeoutMs?: number
  /** More environment (SMTP_URL, …): values, or functions of the base URL (PUBLIC_URL), or one such function. */
  env?: ServerEnv | ((baseUrl: string) => Record<string, string>)
} = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kpi-e2e-'))
  // As root the embedded PostgreSQL runs as "postgres", which must be able to enter the (mode 700) temp dir.
  chmodSync(dataDir, 0o711)
  // A PORT fixed in advance (a record's): the OIDC test registers the redirect URI before the server starts.
  const fixedPort = typeof env === 'function' ? undefined : env['PORT']
  const port = typeof fixedPort === 'string' ? Number(fixedPort) : await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  let log = ''
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: 'true',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...resolveEnv(env, baseUrl),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    // start.mjs forwards the signal to the API, which stops PostgreSQL; a hung shutdown is killed after 20 s.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
    rmSync(dataDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`)
    try {
      const response = await fetch(`${baseUrl}/api/health`)
      if (response.ok) return { baseUrl, stop, output: () => log }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  await stop()
  throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${log}`)
}
