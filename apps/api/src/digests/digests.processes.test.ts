import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { localDateTimeOf, zonedInstant } from '@kpi/domain/time-zone'
import type { ParsedMail } from 'mailparser'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { loginAs, type Session } from '../testing/login-as.ts'
import { cleanUp, freshDataDir, startProduct, waitForBase, type Product } from '../testing/product-process.ts'
import { seedTenant, type SeededUser, type Tenant } from '../testing/seed-tenant.ts'
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp-server.ts'

// Exactly once across replicas and restarts, with real processes: two API processes (scripts/start.mjs, as
// `pnpm start` runs them) on one database, each with its digest worker and mail worker, and the test's SMTP server.
// Both are asked to send what is due at the same moment (their "run now" and their own cron race), one is killed
// with SIGKILL while sending and started again: every due digest arrives once, none twice.

const AMS = 'Europe/Amsterdam'
const HOUR_MS = 3_600_000

let db: TestDatabase
let smtp: TestSmtpServer
const dataDirs: string[] = []
const running = new Set<Product>()

beforeAll(async () => {
  db = await createTestDatabase()
  smtp = await startSmtpServer()
})
afterAll(async () => {
  for (const product of running) process.kill(product.pid, 'SIGKILL')
  await Promise.all([...running].map((product) => product.exited))
  for (const dir of dataDirs) await cleanUp(dir)
  await smtp?.close()
  await db?.[Symbol.asyncDispose]()
})

async function start(): Promise<{ product: Product; base: string }> {
  const dataDir = await freshDataDir('kpi-digests-')
  dataDirs.push(dataDir)
  const product = startProduct(dataDir, {
    DATABASE_URL: db.url,
    DEMO_DATA: 'off',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'KPI <kpi@example.test>',
    PUBLIC_URL: 'https://kpi.example.test',
  })
  running.add(product)
  void product.exited.then(() => running.delete(product))
  return { product, base: await waitForBase(product, 240_000) }
}

const to = (user: SeededUser) => (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).some((address) => address?.text.includes(user.email))

/** Everyone in the tenants daily at the current local hour, chosen an hour before today's due time. */
async function makeEveryoneDue(tenants: Tenant[]): Promise<SeededUser[]> {
  const local = localDateTimeOf(Date.now(), AMS)
  const hour = Math.floor(local.msOfDay / HOUR_MS)
  const chosenAt = new Date(Date.parse(zonedInstant(local.date, hour * HOUR_MS, AMS)) - HOUR_MS)
  const people: SeededUser[] = []
  for (const tenant of tenants)
    for (const user of [tenant.admin, ...tenant.teams.flatMap((team) => [team.manager, ...team.reps])]) {
      people.push(user)
      // rep:<self> is a scope everyone may open (their own figures); sendWhenEmpty: a fresh tenant has no targets.
      await db.pool.query(
        `INSERT INTO digest_subscriptions
                (user_id, organization_id, frequency, weekday, hour, scope_key, send_when_empty, updated_at)
         VALUES ($1, $2, 'daily', 1, $3, $4, TRUE, $5)`,
        [user.id, tenant.organizationId, hour, `rep:${user.id}`, chosenAt],
      )
    }
  return people
}

const runNow = (base: string, admin: Session) =>
  fetch(`${base}/api/digests/run`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    body: '{}',
  }).then(
    (response) => response.status,
    () => 0, // the killed process never answers
  )

test('two API processes, one killed mid-way and restarted: each due digest arrives exactly once', async () => {
  const [a, b] = [await start(), await start()]
  const tenants = [await seedTenant(db.pool), await seedTenant(db.pool)]
  const admins = await Promise.all(tenants.map((tenant) => loginAs(b.base, tenant.admin.email)))
  const people = await makeEveryoneDue(tenants)

  // Both replicas at once, twice each per organisation, while their own workers may be sweeping too.
  const requests = [a.base, b.base, a.base, b.base].flatMap((base) => admins.map((admin) => runNow(base, admin)))
  await sleep(300)
  process.kill(a.product.pid, 'SIGKILL')
  const statuses = await Promise.all(requests)
  expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0)
  await a.product.exited

  // What the killed process had claimed waits for its lease (2 minutes); let it run out now. Safe: a claim has
  // no effect outside this row until the hand-over transaction, which re-checks the row is still PENDING.
  await db.pool.query(`UPDATE digest_sends SET next_attempt_at = now() WHERE status = 'PENDING'`)
  const c = await start() // sends what is due and pending at start

  for (const person of people) await smtp.waitFor(to(person), 180_000)
  // Both living processes sweep again (what their minute cron runs, asked now instead of waited for: the suite runs
  // four times in CI) and find nothing more to send; their mail workers get a moment to show any duplicate.
  const again = await Promise.all([b.base, c.base].flatMap((base) => admins.map((admin) => runNow(base, admin))))
  expect(again).toEqual(again.map(() => 200))
  await sleep(3_000)
  const counts = people.map((person) => smtp.received.filter(to(person)).length)
  expect(counts).toEqual(people.map(() => 1))
  const { rows } = await db.pool.query<{ status: string; n: number }>(
    `SELECT status::text, count(*)::int AS n FROM digest_sends GROUP BY status`,
  )
  expect(rows).toEqual([{ status: 'SENT', n: people.length }])
}, 600_000)
