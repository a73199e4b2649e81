import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { buildApp, type App } from '../app.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'

/** One database, one app and one seeded tenant for a test file; `await using kit = await recordTestKit()`. */
export async function recordTestKit(): Promise<{
  db: TestDatabase
  app: App
  tenant: Tenant
  as: (email: string) => Promise<Session>
  [Symbol.asyncDispose](): Promise<void>
}> {
  const db = await createTestDatabase()
  const app = await buildApp({ config: testConfig(), store: db })
  const tenant = await seedTenant(db.pool)
  const sessions = new Map<string, Promise<Session>>()
  return {
    db,
    app,
    tenant,
    as(email) {
      let session = sessions.get(email)
      if (!session) sessions.set(email, (session = loginAs(app, email)))
      return session
    },
    async [Symbol.asyncDispose]() {
      await app.close()
      await db[Symbol.asyncDispose]()
    },
  }
}
