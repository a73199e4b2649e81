import { KPI_LIST } from '@kpi/domain/kpis/registry'
import { describe, expect, test } from 'vitest'
import { auditOf, tenantWithSessions, useApp } from '../settings/config-test-kit.ts'

const kit = useApp()

const month = (kpiKey: string, scope: string, periodStart: string, value: number, version?: number) => ({
  kpiKey,
  scope,
  periodType: 'month',
  periodStart,
  value,
  ...(version === undefined ? {} : { version }),
})

describe('PUT /api/targets (grid)', () => {
  test('a manager saves reps × months for their team; GET returns them; one audit entry per row', async () => {
    const { tenant, manager } = await tenantWithSessions(kit)
    const [a, b] = tenant.teams[0].reps
    const grid = [
      month('activity.calls', `rep:${a.id}`, '2026-01-01', 120),
      month('activity.calls', `rep:${a.id}`, '2026-02-01', 110),
      month('activity.calls', `rep:${b.id}`, '2026-01-01', 90.5),
      month('activity.calls', `team:${tenant.teams[0].id}`, '2026-01-01', 210.5), // 120 + 90.5
    ]
    const put = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: manager.headers,
      payload: { targets: grid },
    })
    expect(put.statusCode).toBe(200)
    expect(put.json().targets).toEqual(grid.map((row) => ({ ...row, id: expect.any(Number), version: 1 })))

    const list = await kit.app.inject({
      url: `/api/targets?scope=rep:${a.id}&period=month&from=2026-01-01&to=2026-01-31`,
      headers: manager.headers,
    })
    expect(list.statusCode).toBe(200)
    expect(list.headers['cache-control']).toBe('private, no-store')
    expect(list.json().targets).toEqual([{ ...grid[0], id: expect.any(Number), version: 1 }])

    const audit = await auditOf(kit, tenant.organizationId, 'target')
    expect(audit).toHaveLength(4)
    expect(audit[0]).toMatchObject({
      action: 'target.created',
      actorId: tenant.teams[0].manager.id,
      before: null,
      after: { value: 120, version: 1 },
    })
  })

  test('update with versions; a stale row → 409 naming it, and the whole grid is rolled back', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const rep = `rep:${tenant.teams[1].reps[0].id}`
    const saved = (
      await kit.app.inject({
        method: 'PUT',
        url: '/api/targets',
        headers: admin.headers,
        payload: {
          targets: [month('revenue.won', rep, '2026-03-01', 50000), month('revenue.won', 'org', '2026-03-01', 400000)],
        },
      })
    ).json().targets
    const update = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: [month('revenue.won', rep, '2026-03-01', 55000, 1)] },
    })
    expect(update.json().targets[0]).toMatchObject({ value: 55000, version: 2 })

    // Row 0 is fine (org v1 → would be v2), row 1 is stale (the rep's target is at version 2 now).
    const stale = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: {
        targets: [
          month('revenue.won', 'org', '2026-03-01', 1, 1),
          month('revenue.won', rep, '2026-03-01', 2, 1),
          month('revenue.won', 'org', '2026-04-01', 3),
        ],
      },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({
      error: 'version_conflict',
      field: 'body.targets.1',
      current: { id: saved[0].id, value: 55000, version: 2 },
    })
    const rows = await kit.db.prisma.target.findMany({
      where: { organizationId: tenant.organizationId },
      orderBy: { id: 'asc' },
    })
    expect(rows.map((r) => [r.scopeKey, Number(r.value), r.version])).toEqual([
      [rep, 55000, 2],
      ['org', 400000, 1],
    ])
    expect(await auditOf(kit, tenant.organizationId, 'target')).toHaveLength(3)
  })

  test('creating a target that exists → 409 with the stored one', async () => {
    const { admin } = await tenantWithSessions(kit)
    const row = month('leads.new', 'org', '2026-05-01', 40)
    await kit.app.inject({ method: 'PUT', url: '/api/targets', headers: admin.headers, payload: { targets: [row] } })
    const again = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: [row] },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ field: 'body.targets.0', current: { value: 40, version: 1 } })
  })

  test('periodStart follows the fiscal year: with an April start, Q1 starts on 1 April', async () => {
    const { admin } = await tenantWithSessions(kit)
    await kit.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { fiscalYearStartMonth: 4, version: 1 },
    })
    const q = (periodStart: string) => ({
      kpiKey: 'revenue.won',
      scope: 'org',
      periodType: 'quarter',
      periodStart,
      value: 1,
    })
    // Fiscal quarters from April: Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar (Q4 of FY2025/26) — 1 January starts one.
    const q4 = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: [q('2026-01-01')] },
    })
    expect(q4.statusCode).toBe(200)
    const notStart = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: [q('2026-02-01')] },
    })
    expect(notStart.statusCode).toBe(400)
    expect(notStart.json()).toMatchObject({
      field: 'body.targets.0.periodStart',
      message: 'a quarter starts on 2026-01-01, not 2026-02-01',
    })
    const year = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: [{ ...q('2026-01-01'), periodType: 'year' }] },
    })
    expect(year.json()).toMatchObject({
      field: 'body.targets.0.periodStart',
      message: 'a year starts on 2025-04-01, not 2026-01-01',
    })
  })

  test.each([
    { row: { value: -1 }, field: 'body.targets.3.value' },
    { row: { kpiKey: 'no.such' }, field: 'body.targets.3.kpiKey' },
    { row: { scope: 'team:abc' }, field: 'body.targets.3.scope' },
    { row: { periodType: 'fortnight' }, field: 'body.targets.3.periodType' },
    { row: { periodStart: '2026-13-01' }, field: 'body.targets.3.periodStart' },
    { row: { periodStart: '2026-06-02' }, field: 'body.targets.3.periodStart' }, // not a month start
    { row: { periodType: 'week', periodStart: '2026-06-03' }, field: 'body.targets.3.periodStart' }, // a Wednesday
    { row: { kpiKey: 'team.enps', scope: 'rep:1' }, field: 'body.targets.3.scope' }, // eNPS is anonymous: no rep scope
    { row: { periodStart: '2026-01-01' }, field: 'body.targets.3' }, // duplicate of row 0
    { row: { kpiKey: 'revenue.split' }, field: 'body.targets.3.kpiKey' }, // neutral: no target
  ])('400 naming $field', async ({ row, field }) => {
    const { admin } = await tenantWithSessions(kit)
    const rows = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'].map((start) =>
      month('activity.calls', 'org', start, 10),
    )
    rows[3] = { ...rows[3]!, ...row }
    const response = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: rows },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })
})

describe('DELETE /api/targets/:id', () => {
  test('needs the current version; audit keeps the deleted row', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const [saved] = (
      await kit.app.inject({
        method: 'PUT',
        url: '/api/targets',
        headers: admin.headers,
        payload: { targets: [month('activity.calls', 'org', '2026-01-01', 10)] },
      })
    ).json().targets
    await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: [month('activity.calls', 'org', '2026-01-01', 12, 1)] },
    })
    const stale = await kit.app.inject({
      method: 'DELETE',
      url: `/api/targets/${saved.id}?version=1`,
      headers: admin.headers,
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().current).toMatchObject({ value: 12, version: 2 })
    const ok = await kit.app.inject({
      method: 'DELETE',
      url: `/api/targets/${saved.id}?version=2`,
      headers: admin.headers,
    })
    expect(ok.statusCode).toBe(204)
    expect(await kit.db.prisma.target.count({ where: { organizationId: tenant.organizationId } })).toBe(0)
    const audit = await auditOf(kit, tenant.organizationId, 'target')
    expect(audit.at(-1)).toMatchObject({ action: 'target.deleted', before: { value: 12, version: 2 }, after: null })
  })
})

describe('POST /api/targets/copy-forward', () => {
  test('copies to the next months without overwriting what is there', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const team = `team:${tenant.teams[0].id}`
    await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: {
        targets: [
          month('activity.calls', team, '2026-01-01', 100),
          month('activity.meetings', team, '2026-01-01', 20),
          month('activity.calls', team, '2026-03-01', 150),
        ],
      },
    })
    const copy = await kit.app.inject({
      method: 'POST',
      url: '/api/targets/copy-forward',
      headers: admin.headers,
      payload: { scopes: [team], periodType: 'month', periodStart: '2026-01-01', count: 3 },
    })
    expect(copy.statusCode).toBe(200)
    // 2 KPIs × 3 months = 6 wanted; activity.calls in March exists → 5 created, 1 skipped.
    expect(copy.json().skipped).toBe(1)
    expect(copy.json().created).toHaveLength(5)
    const calls = await kit.app.inject({
      url: `/api/targets?scope=${team}&kpiKey=activity.calls`,
      headers: admin.headers,
    })
    expect(calls.json().targets.map((t: { periodStart: string; value: number }) => [t.periodStart, t.value])).toEqual([
      ['2026-01-01', 100],
      ['2026-02-01', 100],
      ['2026-03-01', 150],
      ['2026-04-01', 100],
    ])
  })
})

describe('concurrent grid saves', () => {
  test('two creates of the same target at once: one 200, one 409; one row, one audit entry', async () => {
    const { tenant, admin, manager } = await tenantWithSessions(kit)
    const row = month('activity.calls', `team:${tenant.teams[0].id}`, '2026-06-01', 30)
    const put = (headers: typeof admin.headers, value: number) =>
      kit.app.inject({ method: 'PUT', url: '/api/targets', headers, payload: { targets: [{ ...row, value }] } })
    const statuses = (await Promise.all([put(admin.headers, 30), put(manager.headers, 40)])).map((r) => r.statusCode)
    expect(statuses.sort()).toEqual([200, 409])
    expect(await kit.db.prisma.target.count({ where: { organizationId: tenant.organizationId } })).toBe(1)
    expect(await auditOf(kit, tenant.organizationId, 'target')).toHaveLength(1)
  })

  test('two updates from the same version at once: one wins, the other is 409 and writes nothing', async () => {
    const { tenant, admin, manager } = await tenantWithSessions(kit)
    const row = month('activity.calls', `team:${tenant.teams[0].id}`, '2026-07-01', 30)
    await kit.app.inject({ method: 'PUT', url: '/api/targets', headers: admin.headers, payload: { targets: [row] } })
    const put = (headers: typeof admin.headers, value: number) =>
      kit.app.inject({
        method: 'PUT',
        url: '/api/targets',
        headers,
        payload: { targets: [{ ...row, value, version: 1 }] },
      })
    const responses = await Promise.all([put(admin.headers, 31), put(manager.headers, 32)])
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const winner = responses.find((r) => r.statusCode === 200)!.json().targets[0]
    const stored = await kit.db.prisma.target.findFirstOrThrow({ where: { organizationId: tenant.organizationId } })
    expect({ value: Number(stored.value), version: stored.version }).toEqual({ value: winner.value, version: 2 })
    expect(await auditOf(kit, tenant.organizationId, 'target')).toHaveLength(2) // the create and the one update
  })
})

describe('a full grid', () => {
  test('4 reps × 24 KPIs × 12 months = 1 152 cells in one request, then all updated with their versions', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const reps = tenant.teams.flatMap((team) => team.reps)
    const kpis = KPI_LIST.filter((k) => k.scopes.includes('rep') && k.direction !== 'neutral')
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`)
    const grid = reps.flatMap((r) => kpis.flatMap((k) => months.map((m) => month(k.key, `rep:${r.id}`, m, 10))))
    expect(grid).toHaveLength(4 * kpis.length * 12)
    const created = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: grid },
    })
    expect(created.statusCode).toBe(200)
    // Answered in request order.
    expect(
      created
        .json()
        .targets.map(
          (t: { scope: string; kpiKey: string; periodStart: string }) => `${t.scope} ${t.kpiKey} ${t.periodStart}`,
        ),
    ).toEqual(grid.map((g) => `${g.scope} ${g.kpiKey} ${g.periodStart}`))
    const updated = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: admin.headers,
      payload: { targets: grid.map((g) => ({ ...g, value: 11, version: 1 })) },
    })
    expect(updated.statusCode).toBe(200)
    expect(
      new Set(updated.json().targets.map((t: { value: number; version: number }) => `${t.value}/${t.version}`)),
    ).toEqual(new Set(['11/2']))
    const audit = await auditOf(kit, tenant.organizationId, 'target')
    expect(audit).toHaveLength(2 * grid.length)
    expect(audit.at(-1)).toMatchObject({
      action: 'target.updated',
      before: { value: 10, version: 1 },
      after: { value: 11, version: 2 },
    })
  })
})

describe('query and parameter validation', () => {
  test.each([
    { url: '/api/targets?scope=team:0', field: 'query.scope' },
    { url: '/api/targets?period=fortnight', field: 'query.period' },
    { url: '/api/targets?from=2026-1-1', field: 'query.from' },
    { url: '/api/targets?kpiKey=no.such', field: 'query.kpiKey' },
  ])('GET $url → 400 naming $field', async ({ url, field }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ url, headers: admin.headers })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })

  test.each([
    { url: '/api/targets/abc?version=1', field: 'params.id' },
    { url: '/api/targets/1', field: 'query.version' },
  ])('DELETE $url → 400 naming $field', async ({ url, field }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ method: 'DELETE', url, headers: admin.headers })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ field })
  })

  test.each([
    { payload: { scopes: [], periodType: 'month', periodStart: '2026-01-01', count: 1 }, field: 'body.scopes' },
    {
      payload: { scopes: ['org'], periodType: 'month', periodStart: '2026-01-02', count: 1 },
      field: 'body.periodStart',
    },
    { payload: { scopes: ['org'], periodType: 'month', periodStart: '2026-01-01', count: 25 }, field: 'body.count' },
  ])('copy-forward → 400 naming $field', async ({ payload, field }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/targets/copy-forward',
      headers: admin.headers,
      payload,
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ field })
  })
})
