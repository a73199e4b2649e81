import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type pg from 'pg'
import { afterAll, expect, test } from 'vitest'
import { csrfHeaders, loginAs } from '../testing/login-as.ts'
import { seedTenant } from '../testing/seed-tenant.ts'
import { cleanUp, connectToProduct, freshDataDir, startProduct, waitForBase } from '../testing/product-process.ts'

// Issue "Hardening" 5: no secrets or passwords in logs. The product runs as `pnpm start` does, at the most
// verbose level (trace: every request, every rejection), and we read everything it printed. Neither a password
// (right, wrong, malformed or newly set) nor a session or CSRF token may appear in it.

let dataDir: string | undefined
let pool: pg.Pool | undefined

afterAll(async () => {
  await pool?.end()
  if (dataDir) await cleanUp(dataDir)
})

test('login, failed login, bad login and a password reset at log level trace: no password or token logged', async () => {
  dataDir = await freshDataDir('kpi-logs-')
  const product = startProduct(dataDir, { DEMO_DATA: 'off', LOG_LEVEL: 'trace' })
  const secret = () => `pw-${randomBytes(8).toString('hex')}`
  const password = secret()
  const wrongPassword = secret()
  const malformedPassword = secret()
  const newPassword = secret()
  try {
    const base = await waitForBase(product)
    pool = await connectToProduct(dataDir, 1)
    const tenant = await seedTenant(pool, { password })
    const rep = tenant.teams[0].reps[0]

    const session = await loginAs(base, rep.email, password)
    const post = (body: unknown) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { ...csrfHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await post({ email: rep.email, password: wrongPassword })).status).toBe(401)
    // Rejected by validation (no such email shape): the error path logs the rejection.
    expect((await post({ email: 'not an email', password: malformedPassword })).status).toBe(400)
    expect((await fetch(`${base}/api/me`, { headers: session.headers })).status).toBe(200)

    const admin = await loginAs(base, tenant.admin.email, password)
    const { rows } = await pool.query<{ version: number }>('SELECT version FROM users WHERE id = $1', [rep.id])
    const reset = await fetch(`${base}/api/users/${rep.id}`, {
      method: 'PATCH',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ version: rows[0]!.version, password: newPassword }),
    })
    expect(reset.status, await reset.clone().text()).toBe(200)
    await loginAs(base, rep.email, newPassword)

    // Let the logger flush what it has buffered before reading it.
    await sleep(500)
    const log = product.output()
    // The log is on and saw these requests (so the checks below can fail).
    expect(log).toContain('/api/auth/login')
    expect(log).toContain('/api/users/')
    for (const [what, value] of Object.entries({
      password,
      wrongPassword,
      malformedPassword,
      newPassword,
      repSession: session.sessionToken,
      repCsrf: session.csrfToken,
      adminSession: admin.sessionToken,
      adminCsrf: admin.csrfToken,
    })) {
      expect(log.includes(value), `${what} appears in the log`).toBe(false)
    }
  } finally {
    await pool?.end()
    pool = undefined
    process.kill(product.pid, 'SIGTERM')
    await product.exited
  }
}, 180_000)
