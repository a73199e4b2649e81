import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@kpi/db/embedded'
import { openStore, type Store } from '@kpi/db/store'
import { buildApp, type App } from '../app.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'

// Issue "Hardening" 2: PostgreSQL stops while writes are coming in. During the outage every request gets a 503
// { error: 'database_unavailable', message } and /api/health says the database is down; once PostgreSQL is back
// (same port, same data directory) the same app instance serves again without a restart, and every write it
// acknowledged with a 2xx is in the database. Its own cluster: stopping the shared one would break other files.

let dir: string
let pg: EmbeddedPostgresServer
let store: Store
let app: App
let base: string
let tenant: Tenant
let admin: Session

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-outage-'))
  await chmod(dir, 0o711) // the embedded server runs as the postgres user and must reach its data directory
  pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), database: 'kpi', ephemeral: true })
  store = await openStore({ databaseUrl: pg.url, dataDir: dir })
  app = await buildApp({ config: testConfig(), store })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('not listening')
  base = `http://127.0.0.1:${address.port}`
  tenant = await seedTenant(store.pool)
  admin = await loginAs(base, tenant.admin.email)
})
afterAll(async () => {
  await app?.close()
  await store?.close()
  await pg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

type Answer = { status: number; body: Record<string, unknown> }

async function call(method: string, path: string, payload?: object): Promise<Answer> {
  const headers: Record<string, string> = { ...admin.headers }
  if (payload) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}${path}`, { method, headers, body: payload ? JSON.stringify(payload) : null })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** One activity with a unique external id, so the acknowledged ones can be looked up afterwards. */
function writeActivity(n: number): Promise<Answer> {
  return call('POST', '/api/activities/', {
    externalId: `outage-${n}`,
    type: 'CALL',
    userId: tenant.teams[0].reps[0].id,
    occurredAt: '2026-01-05T10:00:00Z',
  })
}

test('PostgreSQL stops under load: 503 database_unavailable; it restarts: the same app recovers, no ack lost', async () => {
  const answers: { n: number; answer: Answer }[] = []
  let n = 0
  let writing = true
  // Four writers in a loop for the whole test: before, during and after the outage.
  const writers = Array.from({ length: 4 }, async () => {
    while (writing) {
      const id = (n += 1)
      answers.push({ n: id, answer: await writeActivity(id) })
      await sleep(5)
    }
  })

  const until = async (predicate: () => boolean | Promise<boolean>, what: string) => {
    // Generous for a loaded 2-core machine; the test never measures how long anything took.
    for (let i = 0; i < 600; i += 1) {
      if (await predicate()) return
      await sleep(50)
    }
    const seen = answers.slice(-5).map((a) => `${a.answer.status} ${JSON.stringify(a.answer.body)}`)
    throw new Error(`timed out waiting for ${what}; last answers:\n${seen.join('\n')}`)
  }

  try {
    await until(() => answers.filter((a) => a.answer.status === 201).length >= 20, '20 writes before the outage')
    await pg.stop()
    const outageStart = answers.length

    // During the outage: writes are refused with 503, health says so.
    await until(() => answers.slice(outageStart).filter((a) => a.answer.status === 503).length >= 10, '503s')
    const health = await fetch(`${base}/api/health`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({ status: 'degraded', db: 'down' })
    const refused = await writeActivity(-1)
    expect(refused.status).toBe(503)
    expect(refused.body).toEqual({ error: 'database_unavailable', message: expect.stringMatching(/database/i) })

    // Same port, same data directory: the pools' connection string still points at it.
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: pg.port, database: 'kpi', ephemeral: true })
    await until(async () => (await fetch(`${base}/api/health`)).status === 200, 'health 200 after the restart')
    const recoveredAt = answers.length
    await until(() => answers.slice(recoveredAt).filter((a) => a.answer.status === 201).length >= 20, 'writes again')
  } finally {
    writing = false
    await Promise.allSettled(writers)
  }

  const tally = (status: number) => answers.filter((a) => a.answer.status === status).length
  console.info(`database outage: ${answers.length} writes, ${tally(201)} × 201, ${tally(503)} × 503`)
  // Nothing but 201 and 503 (a write in flight when the server went down may fail either way, never a 500).
  const statuses = new Set(answers.map((a) => a.answer.status))
  expect([...statuses].sort()).toEqual([201, 503])
  for (const { answer } of answers.filter((a) => a.answer.status === 503)) {
    expect(answer.body).toMatchObject({ error: 'database_unavailable' })
  }

  // Every acknowledged write is there.
  const acknowledged = answers.filter((a) => a.answer.status === 201).map((a) => `outage-${a.n}`)
  const { rows } = await store.pool.query<{ external_id: string }>(
    `SELECT external_id FROM activities WHERE external_id LIKE 'outage-%'`,
  )
  const stored = new Set(rows.map((r) => r.external_id))
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
  // The session survived the outage too (it lives in the database, which kept it).
  expect((await call('GET', '/api/me')).status).toBe(200)
})
