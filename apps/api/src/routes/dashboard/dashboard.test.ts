import { describe, expect, test } from 'vitest'
import { tenantWithSessions, useApp } from '../settings/config-test-kit.ts'

const kit = useApp()
const march = 'period=month&date=2026-03-10'

describe('GET /api/dashboard', () => {
  test("each role's default scope: admin → org, manager → their team, rep → themselves", async () => {
    const { tenant, admin, manager, rep } = await tenantWithSessions(kit)
    const expected = [
      [admin, 'org'],
      [manager, `team:${tenant.teams[0].id}`],
      [rep, `rep:${tenant.teams[0].reps[0].id}`],
    ] as const
    for (const [session, scope] of expected) {
      const response = await kit.app.inject({ url: `/api/dashboard?${march}`, headers: session.headers })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.headers['cache-control']).toBe('private, no-cache')
      expect(response.headers.etag).toMatch(/^W\/"[\w-]+"$/)
      const body = response.json()
      expect(body.scope).toBe(scope)
      expect(body.period).toMatchObject({
        type: 'month',
        label: '2026-03',
        startDate: '2026-03-01',
        endDate: '2026-04-01',
      })
      // The SPEC default layout: six areas, lead flow first.
      expect(body.focusAreas.map((a: { key: string }) => a.key)[0]).toBe('lead-flow')
    }
  })

  test('defaults to the current month in the organisation time zone', async () => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ url: '/api/dashboard', headers: admin.headers })
    expect(response.statusCode).toBe(200)
    expect(response.json().period.type).toBe('month')
  })

  test('Dutch names on request', async () => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ url: `/api/dashboard?${march}&locale=nl`, headers: admin.headers })
    expect(response.json().focusAreas[0].name).toBe('Leadflow')
  })

  test.each([
    { query: 'scope=team:x', field: 'query.scope' },
    { query: 'scope=everyone', field: 'query.scope' },
    { query: 'period=decade', field: 'query.period' },
    { query: 'date=2026-02-30', field: 'query.date' },
    { query: 'locale=fr', field: 'query.locale' },
  ])('400 naming $field for $query', async ({ query, field }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ url: `/api/dashboard?${query}`, headers: admin.headers })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })

  test('follows the stored layout: an admin PUT /api/layout changes what every dashboard shows', async () => {
    const { admin, rep } = await tenantWithSessions(kit)
    const layout = {
      version: 0,
      areas: [
        { key: 'money', name: { en: 'Money', nl: 'Geld' }, kpiKeys: ['deals.win_rate', 'revenue.won'] },
        { key: 'calls', name: { en: 'Calls', nl: 'Bellen' }, kpiKeys: ['activity.calls'] },
      ],
    }
    const put = await kit.app.inject({ method: 'PUT', url: '/api/layout', headers: admin.headers, payload: layout })
    expect(put.statusCode).toBe(200)
    const response = await kit.app.inject({ url: `/api/dashboard?${march}`, headers: rep.headers })
    const areas = response
      .json()
      .focusAreas.map((a: { key: string; kpis: { key: string }[] }) => [a.key, a.kpis.map((k) => k.key)])
    expect(areas).toEqual([
      ['money', ['deals.win_rate', 'revenue.won']],
      ['calls', ['activity.calls']],
    ])
  })

  test('401 without a session', async () => {
    expect((await kit.app.inject({ url: '/api/dashboard' })).statusCode).toBe(401)
  })
})

describe('GET /api/kpis', () => {
  test('the catalog: 32 KPIs with names in en/nl, unit, direction, kind, area, scopes', async () => {
    const { rep } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ url: '/api/kpis', headers: rep.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('private, no-store')
    const kpis = response.json().kpis
    expect(kpis).toHaveLength(32)
    expect(kpis.find((k: { key: string }) => k.key === 'deals.win_rate')).toMatchObject({
      name: { en: 'Win rate' },
      unit: 'percent',
      direction: 'higher',
      kind: 'lagging',
      area: 'result',
      scopes: ['org', 'region', 'team', 'rep', 'customer'],
    })
    expect(kpis.find((k: { key: string }) => k.key === 'team.enps').scopes).toEqual(['org', 'region', 'team'])
  })
})
