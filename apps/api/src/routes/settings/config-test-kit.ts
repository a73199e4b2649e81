import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { loginAs, type Session } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import type { Config } from '../../config.ts'
import { testConfig } from '../../testing/test-app.ts'

// Shared set-up for the configuration and dashboard route tests: one database and one app per test file
// (built once: buildApp registers OpenAPI and every route), a fresh tenant per test so tests never see each
// other's rows.

export type Kit = { app: App; db: TestDatabase }

export function useApp(config: Partial<Config> = {}): Kit {
  const kit = {} as Kit
  beforeAll(async () => {
    kit.db = await createTestDatabase()
    kit.app = await buildApp({ config: testConfig(config), store: kit.db })
  })
  afterAll(async () => {
    await kit.app?.close()
    await kit.db?.[Symbol.asyncDispose]()
  })
  return kit
}

export type TenantKit<K extends Kit> = K & { tenant: Tenant; admin: Session }

/**
 * Before every test, a new tenant with its admin signed in, as `kit.tenant` and `kit.admin`:
 * `const kit = withTenantPerTest(useApp())`. A tenant per test, so no test sees another's rows, in any order.
 */
export function withTenantPerTest<K extends Kit>(kit: K): TenantKit<K> {
  const withTenant = kit as TenantKit<K>
  beforeEach(async () => {
    withTenant.tenant = await seedTenant(kit.db.pool)
    withTenant.admin = await loginAs(kit.app, withTenant.tenant.admin.email)
  })
  return withTenant
}

export type Sessions = {
  tenant: Tenant
  admin: Session
  manager: Session
  rep: Session
}

/** A new tenant with sessions for its admin, the manager of teams[0] and rep teams[0].reps[0]. */
export async function tenantWithSessions(kit: Kit, options: { leaderboardEnabled?: boolean } = {}): Promise<Sessions> {
  const tenant = await seedTenant(kit.db.pool, options)
  const [admin, manager, rep] = await Promise.all([
    loginAs(kit.app, tenant.admin.email),
    loginAs(kit.app, tenant.teams[0].manager.email),
    loginAs(kit.app, tenant.teams[0].reps[0].email),
  ])
  return { tenant, admin, manager, rep }
}

/** Audit rows of an organisation, oldest first, as plain JSON. */
export async function auditOf(kit: Kit, organizationId: number, entity?: string) {
  const rows = await kit.db.prisma.auditLog.findMany({
    where: { organizationId, ...(entity ? { entity } : {}) },
    orderBy: { id: 'asc' },
  })
  return rows.map(({ actorId, action, entity, entityId, before, after }) => ({
    actorId,
    action,
    entity,
    entityId,
    before,
    after,
  }))
}
