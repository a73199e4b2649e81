import { DEFAULT_FOCUS_AREAS } from '@kpi/domain/focus-areas'
import { describe, expect, test } from 'vitest'
import { auditOf, tenantWithSessions, useApp } from '../settings/config-test-kit.ts'

const kit = useApp()

const twoAreas = [
  {
    key: 'result',
    name: { en: 'Result', nl: 'Resultaat' },
    kpiKeys: ['revenue.won', 'deals.win_rate', 'deals.avg_size', 'deals.margin_pct'],
  },
  { key: 'lead-flow', name: { en: 'Lead flow', nl: 'Leadflow' }, kpiKeys: ['leads.new'] },
]

describe('GET /api/layout', () => {
  test('the SPEC default (version 0) until an admin stores one', async () => {
    const { rep } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ url: '/api/layout', headers: rep.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('private, no-store')
    const body = response.json()
    expect(body).toMatchObject({ source: 'default', version: 0, warnings: [] })
    expect(body.areas.map((a: { key: string }) => a.key)).toEqual(DEFAULT_FOCUS_AREAS.map((a) => a.key))
    expect(body.areas[0]).toEqual({
      key: 'lead-flow',
      name: { en: 'Lead flow', nl: 'Leadflow' },
      rank: 1,
      kpiKeys: ['leads.qualified', 'leads.mql_to_sql', 'leads.velocity_days'],
    })
  })
})

describe('PUT /api/layout', () => {
  test('stores the order, ranks from 1, warns about an area with 4 KPIs, audits before/after', async () => {
    const { tenant, admin, manager } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'PUT',
      url: '/api/layout',
      headers: admin.headers,
      payload: { version: 0, areas: twoAreas },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      source: 'stored',
      version: 1,
      areas: [
        { ...twoAreas[0], rank: 1 },
        { ...twoAreas[1], rank: 2 },
      ],
      warnings: [{ area: 'result', kpiCount: 4, message: 'Result has 4 KPIs; focus areas work best with at most 3' }],
    })
    const read = await kit.app.inject({ url: '/api/layout', headers: manager.headers })
    expect(read.json()).toEqual(response.json())
    const audit = await auditOf(kit, tenant.organizationId, 'layout')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      action: 'layout.updated',
      actorId: tenant.admin.id,
      before: { version: 0 },
      after: { version: 1, areas: [{ key: 'result' }, { key: 'lead-flow' }] },
    })
    expect((audit[0]!.before as { areas: unknown[] }).areas).toHaveLength(6)
  })

  test('reordering and dropping an area bumps the version; removed areas are gone from the database', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    await kit.app.inject({
      method: 'PUT',
      url: '/api/layout',
      headers: admin.headers,
      payload: { version: 0, areas: twoAreas },
    })
    const next = await kit.app.inject({
      method: 'PUT',
      url: '/api/layout',
      headers: admin.headers,
      payload: { version: 1, areas: [{ ...twoAreas[1], kpiKeys: ['leads.new', 'revenue.won'] }] },
    })
    expect(next.statusCode).toBe(200)
    expect(next.json()).toMatchObject({
      version: 2,
      areas: [{ key: 'lead-flow', rank: 1, kpiKeys: ['leads.new', 'revenue.won'] }],
      warnings: [],
    })
    const stored = await kit.db.prisma.focusArea.findMany({ where: { organizationId: tenant.organizationId } })
    expect(stored.map((a) => a.key)).toEqual(['lead-flow'])
  })

  test('a stale version → 409 with the current layout; nothing written', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    await kit.app.inject({
      method: 'PUT',
      url: '/api/layout',
      headers: admin.headers,
      payload: { version: 0, areas: twoAreas },
    })
    const stale = await kit.app.inject({
      method: 'PUT',
      url: '/api/layout',
      headers: admin.headers,
      payload: { version: 0, areas: [twoAreas[1]] },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({
      error: 'version_conflict',
      current: { version: 1, areas: [{ key: 'result' }, { key: 'lead-flow' }] },
    })
    expect(await kit.db.prisma.focusArea.count({ where: { organizationId: tenant.organizationId } })).toBe(2)
    expect(await auditOf(kit, tenant.organizationId, 'layout')).toHaveLength(1)
  })

  test('two concurrent writes from the same version: exactly one wins', async () => {
    const { admin } = await tenantWithSessions(kit)
    const put = (areas: typeof twoAreas) =>
      kit.app.inject({ method: 'PUT', url: '/api/layout', headers: admin.headers, payload: { version: 0, areas } })
    const statuses = (await Promise.all([put(twoAreas), put([twoAreas[1]!])])).map((r) => r.statusCode).sort()
    expect(statuses).toEqual([200, 409])
  })

  test.each([
    { areas: [{ ...twoAreas[0], kpiKeys: ['revenue.won', 'no.such'] }], field: 'body.areas.0.kpiKeys.1' },
    { areas: [twoAreas[0], { ...twoAreas[1], kpiKeys: ['deals.win_rate'] }], field: 'body.areas.1.kpiKeys.0' }, // already in 'result'
    { areas: [twoAreas[0], { ...twoAreas[1], key: 'result' }], field: 'body.areas.1.key' },
    { areas: [{ ...twoAreas[0], key: 'Result Area' }], field: 'body.areas.0.key' },
    { areas: [{ ...twoAreas[0], name: { en: 'Result' } }], field: 'body.areas.0.name.nl' },
    { areas: [], field: 'body.areas' },
  ])('400 naming $field', async ({ areas, field }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'PUT',
      url: '/api/layout',
      headers: admin.headers,
      payload: { version: 0, areas },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })
})
