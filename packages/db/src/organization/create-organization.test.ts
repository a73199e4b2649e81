import { DEFAULT_FOCUS_AREAS } from '@kpi/domain/focus-areas'
import { describe, expect, test } from 'vitest'
import { byTable, collectBatches, demoOptions } from '../demo/demo-fixture.ts'
import { createTestDatabase } from '../testing/test-database.ts'
import { OrganizationConflict, createOrganization, slugFor } from './create-organization.ts'

const acme = { name: 'Acme Sales', timeZone: 'America/New_York', currency: 'USD', fiscalYearStartMonth: 4 }
const admin = { name: 'Ada Admin', email: 'ada@acme.test', passwordHash: 'scrypt$16384$8$1$c2FsdA==$a2V5' }

describe('createOrganization', () => {
  test('the organisation, its first admin and the demo organisation’s defaults, audited', async () => {
    await using db = await createTestDatabase()
    const created = await createOrganization(db.pool, { organization: acme, admin, onlyIfFirst: false })
    expect(created).toEqual({ organizationId: expect.any(Number), slug: 'acme-sales', adminId: expect.any(Number) })
    const id = created!.organizationId

    const { rows: orgs } = await db.pool.query(
      `SELECT name, time_zone, currency, fiscal_year_start_month, leaderboard_enabled FROM organizations WHERE id = $1`,
      [id],
    )
    expect(orgs).toEqual([
      {
        name: 'Acme Sales',
        time_zone: 'America/New_York',
        currency: 'USD',
        fiscal_year_start_month: 4,
        leaderboard_enabled: false,
      },
    ])
    const { rows: users } = await db.pool.query(`SELECT id, email, name, role FROM users WHERE organization_id = $1`, [
      id,
    ])
    expect(users).toEqual([{ id: created!.adminId, email: 'ada@acme.test', name: 'Ada Admin', role: 'ADMIN' }])

    // Thresholds and action points (English and Dutch) exactly as the demo organisation gets them.
    const demo = byTable(collectBatches(demoOptions()))
    const { rows: thresholds } = await db.pool.query(
      `SELECT kpi_key, scope_key, mode, green_from::float8, orange_from::float8, green_actions, orange_actions,
              red_actions, green_actions_nl, orange_actions_nl, red_actions_nl
         FROM thresholds WHERE organization_id = $1 ORDER BY id`,
      [id],
    )
    expect(thresholds).toEqual(
      demo.thresholds.map((t) => ({
        kpi_key: t.kpiKey,
        scope_key: 'org',
        mode: t.mode,
        green_from: t.greenFrom,
        orange_from: t.orangeFrom,
        green_actions: t.greenActions,
        orange_actions: t.orangeActions,
        red_actions: t.redActions,
        green_actions_nl: t.greenActionsNl,
        orange_actions_nl: t.orangeActionsNl,
        red_actions_nl: t.redActionsNl,
      })),
    )
    const { rows: layout } = await db.pool.query<{ key: string; kpis: string[] }>(
      `SELECT a.key, array_agg(k.kpi_key ORDER BY k.rank) AS kpis
         FROM focus_areas a JOIN focus_area_kpis k ON k.focus_area_id = a.id
        WHERE a.organization_id = $1 GROUP BY a.key, a.rank ORDER BY a.rank`,
      [id],
    )
    expect(layout).toEqual(DEFAULT_FOCUS_AREAS.map((area) => ({ key: area.key, kpis: area.kpiKeys })))

    const { rows: audit } = await db.pool.query(
      `SELECT action, entity_id, actor_id FROM audit_log WHERE organization_id = $1 ORDER BY id`,
      [id],
    )
    expect(audit).toEqual([
      { action: 'organization.created', entity_id: String(id), actor_id: null },
      { action: 'user.created', entity_id: String(created!.adminId), actor_id: null },
    ])
  })

  test('onlyIfFirst creates nothing once an organisation exists', async () => {
    await using db = await createTestDatabase()
    await createOrganization(db.pool, { organization: acme, admin, onlyIfFirst: true })
    const second = { ...acme, name: 'Second' }
    expect(await createOrganization(db.pool, { organization: second, admin, onlyIfFirst: true })).toBeNull()
    expect((await db.pool.query('SELECT name FROM organizations')).rows).toEqual([{ name: 'Acme Sales' }])
  })

  test('further organisations get their own slug; a repeated name is refused and names why', async () => {
    await using db = await createTestDatabase()
    await createOrganization(db.pool, { organization: acme, admin, onlyIfFirst: false })
    const again = createOrganization(db.pool, {
      organization: { ...acme, name: 'ACME sales' },
      admin,
      onlyIfFirst: false,
    })
    await expect(again).rejects.toThrow(OrganizationConflict)
    await expect(again).rejects.toThrow(/ada@acme.test is already an account of organisation "ACME sales"/)
    const other = { ...admin, email: 'bob@acme.test' }
    await expect(
      createOrganization(db.pool, { organization: { ...acme, name: 'acme sales' }, admin: other, onlyIfFirst: false }),
    ).rejects.toThrow(/an organisation named "acme sales" already exists/)

    const beta = await createOrganization(db.pool, {
      organization: { ...acme, name: 'Acme  Sales!' },
      admin,
      onlyIfFirst: false,
    })
    expect(beta?.slug).toBe('acme-sales-2')
  })

  test.each([
    { name: 'Demo Sales B.V.', slug: 'demo-sales-b-v' },
    { name: 'Café Zoë', slug: 'cafe-zoe' },
    { name: '株式会社', slug: 'organization' },
  ])('slug of $name is $slug', ({ name, slug }) => {
    expect(slugFor(name)).toBe(slug)
  })
})
