import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { findPostmasters, isAlive } from '@kpi/db/postgres-processes'
import type pg from 'pg'
import { afterAll, expect, test } from 'vitest'
import { loginAs } from '../testing/login-as.ts'
import {
  apiPid,
  cleanUp,
  connectToProduct,
  freshDataDir,
  processesUsing,
  startProduct,
  waitForBase,
} from '../testing/product-process.ts'

// Issue "Hardening" 6, under load: the idle SIGTERM is in server.lifecycle.test.ts and the drain mechanics in
// app.drain.test.ts; here the product (`pnpm start` on the demo data) gets SIGTERM while slow requests are in
// flight — year dashboards of the whole organisation and a large import (one transaction). Every one of them
// must get its answer (no reset socket), a new connection must be refused meanwhile, and afterwards the
// embedded PostgreSQL and all its children are gone, having shut down cleanly (no postmaster.pid left).

const password = 'sigterm-under-load'
const importRows = 60_000
let dataDir: string | undefined
let pool: pg.Pool | undefined

afterAll(async () => {
  await pool?.end()
  if (dataDir) await cleanUp(dataDir)
})

/** Pids whose parent is `parent` (from /proc/<pid>/stat), e.g. a postmaster's backends and helpers. */
function childrenOf(parent: number): number[] {
  const children: number[] = []
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) children.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return children
}

/** Whether a brand-new TCP connection to the port is refused (not merely answered with an error). */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}

test('SIGTERM with dashboards and an import in flight: all answered, new connections refused, no orphans', async () => {
  dataDir = await freshDataDir('kpi-sigterm-')
  // A generous drain budget: on a busy 2-core machine the in-flight work may need a while to finish.
  const product = startProduct(dataDir, { DEMO_DATA: 'on', DEMO_PASSWORD: password, SHUTDOWN_TIMEOUT_MS: '120000' })
  const base = await waitForBase(product)
  const port = Number(new URL(base).port)
  const admin = await loginAs(base, 'admin@example.com', password)
  pool = await connectToProduct(dataDir, 1)
  const [postmaster] = findPostmasters(join(dataDir, 'postgres'))
  expect(postmaster).toBeDefined()

  // Slow requests: organisation year dashboards for distinct years (distinct answers, nothing cached), and an
  // import of many rows. Each settles to its status or to the error that ended it.
  const settle = (response: Promise<Response>) =>
    response.then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    )
  let dashboardsDone = 0
  const dashboards = [0, 1, 2, 3, 4, 5].map((yearsBack) => {
    const date = `${new Date().getUTCFullYear() - yearsBack}-06-15`
    const url = `${base}/api/dashboard?scope=org&period=year&date=${date}`
    return settle(fetch(url, { headers: admin.headers })).finally(() => dashboardsDone++)
  })
  const rep = 'rep@example.com'
  const csv = ['externalId,type,userEmail,occurredAt,notes']
  for (let i = 0; i < importRows; i++) csv.push(`SIGTERM-${i},CALL,${rep},2025-01-06T10:00:00Z,row ${i}`)
  const importing = settle(
    fetch(`${base}/api/import/activities?dryRun=false`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      body: csv.join('\r\n') + '\r\n',
    }),
  )
  let importDone = false
  void importing.then(() => (importDone = true))

  // In flight: the import's transaction has written rows (holds a transaction id) and is not finished.
  let writing = false
  for (let attempt = 0; attempt < 1200 && !writing && !importDone; attempt++) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
    )
    writing = rows[0]!.n > 0
    if (!writing) await sleep(50)
  }
  await pool.end()
  pool = undefined
  expect(writing, 'the import transaction was seen in flight').toBe(true)
  const api = apiPid(product)
  const postgresChildren = childrenOf(postmaster!)
  expect(postgresChildren.length).toBeGreaterThan(0)

  process.kill(product.pid, 'SIGTERM')
  console.info(
    `SIGTERM with the import and ${dashboards.length - dashboardsDone} of ${dashboards.length} dashboards in flight`,
  )

  // While the import drains, the listener is closed: a new connection is refused, not queued.
  let refused = false
  for (let attempt = 0; attempt < 200 && !refused; attempt++) {
    refused = await refusesConnections(port)
    if (!refused) await sleep(25)
  }
  expect(refused, 'a new connection was refused during the drain').toBe(true)
  expect(importDone, 'the import was still in flight when connections were refused').toBe(false)

  const answered = await importing
  expect(answered.status, answered.body.slice(0, 300)).toBe(200)
  expect(JSON.parse(answered.body)).toMatchObject({ rows: importRows, inserted: importRows })
  for (const dashboard of await Promise.all(dashboards))
    expect(dashboard.status, dashboard.body.slice(0, 300)).toBe(200)

  expect(await product.exited, product.output()).toEqual({ code: 0, signal: null })
  expect(product.output()).toContain('[server] stopped')
  // PostgreSQL shut down cleanly (a clean shutdown removes its lock file), and nothing of it is left: not the
  // postmaster, not one of its backends or helpers, not the API process.
  expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false)
  expect([postmaster!, ...postgresChildren, api].filter(isAlive)).toEqual([])
  expect(processesUsing(dataDir)).toBe('')
}, 240_000)
