import { describe, expect, test } from 'vitest'
import { auditOf, tenantWithSessions, useApp } from './config-test-kit.ts'

const kit = useApp()

describe('GET /api/settings', () => {
  test('every role reads its own organisation, not cached', async () => {
    const { tenant, rep } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ url: '/api/settings', headers: rep.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('private, no-store')
    expect(response.json()).toMatchObject({
      organizationId: tenant.organizationId,
      timeZone: 'Europe/Amsterdam',
      currency: 'EUR',
      fiscalYearStartMonth: 1,
      leaderboardEnabled: false,
      splitTeamTargets: false,
      version: 1,
    })
  })

  test('401 without a session', async () => {
    const response = await kit.app.inject({ url: '/api/settings' })
    expect(response.statusCode).toBe(401)
  })
})

describe('PATCH /api/settings', () => {
  test('admin changes fields, the version goes up, the audit holds before and after', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: {
        timeZone: 'America/New_York',
        currency: 'USD',
        fiscalYearStartMonth: 4,
        leaderboardEnabled: true,
        version: 1,
      },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      timeZone: 'America/New_York',
      currency: 'USD',
      fiscalYearStartMonth: 4,
      leaderboardEnabled: true,
      version: 2,
    })
    const audit = await auditOf(kit, tenant.organizationId, 'organization')
    expect(audit).toEqual([
      {
        actorId: tenant.admin.id,
        action: 'settings.updated',
        entity: 'organization',
        entityId: String(tenant.organizationId),
        before: expect.objectContaining({
          timeZone: 'Europe/Amsterdam',
          currency: 'EUR',
          fiscalYearStartMonth: 1,
          version: 1,
        }),
        after: expect.objectContaining({
          timeZone: 'America/New_York',
          currency: 'USD',
          fiscalYearStartMonth: 4,
          version: 2,
        }),
      },
    ])
  })

  test('a stale version answers 409 with the current settings and changes nothing', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const first = await kit.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { currency: 'USD', version: 1 },
    })
    expect(first.statusCode).toBe(200)
    const stale = await kit.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { currency: 'GBP', version: 1 },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({
      error: 'version_conflict',
      field: 'body.version',
      current: { currency: 'USD', version: 2 },
    })
    const org = await kit.db.prisma.organization.findUniqueOrThrow({ where: { id: tenant.organizationId } })
    expect({ currency: org.currency, version: org.version }).toEqual({ currency: 'USD', version: 2 })
    expect(await auditOf(kit, tenant.organizationId, 'organization')).toHaveLength(1)
  })

  test.each([
    { payload: { timeZone: 'Mars/Olympus', version: 1 }, field: 'body.timeZone' },
    { payload: { currency: 'eur', version: 1 }, field: 'body.currency' },
    { payload: { currency: 'XYZ', version: 1 }, field: 'body.currency' },
    { payload: { fiscalYearStartMonth: 13, version: 1 }, field: 'body.fiscalYearStartMonth' },
    { payload: { fiscalYearStartMonth: 0, version: 1 }, field: 'body.fiscalYearStartMonth' },
    { payload: { leaderboardEnabled: 'yes', version: 1 }, field: 'body.leaderboardEnabled' },
    { payload: { currency: 'USD' }, field: 'body.version' },
    { payload: { name: 'x', version: 1 }, field: 'body' },
    { payload: { version: 1 }, field: 'body' }, // nothing to change
  ])('400 naming $field for $payload', async ({ payload, field }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ method: 'PATCH', url: '/api/settings', headers: admin.headers, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })

  test('managers and reps get 403', async () => {
    const { manager, rep } = await tenantWithSessions(kit)
    for (const session of [manager, rep]) {
      const response = await kit.app.inject({
        method: 'PATCH',
        url: '/api/settings',
        headers: session.headers,
        payload: { currency: 'USD', version: 1 },
      })
      expect(response.statusCode).toBe(403)
    }
  })
})

describe('holidays', () => {
  test('admin replaces the list; it shares the settings version; audit before/after', async () => {
    const { tenant, admin, rep } = await tenantWithSessions(kit)
    const holidays = [
      { date: '2026-12-25', name: 'Christmas' },
      { date: '2026-04-27', name: "King's Day" },
    ]
    const put = await kit.app.inject({
      method: 'PUT',
      url: '/api/settings/holidays',
      headers: admin.headers,
      payload: { holidays, version: 1 },
    })
    expect(put.statusCode).toBe(200)
    // Sorted by date; the organisation version 1 → 2.
    expect(put.json()).toEqual({ version: 2, holidays: [holidays[1], holidays[0]] })
    const read = await kit.app.inject({ url: '/api/settings/holidays', headers: rep.headers })
    expect(read.json()).toEqual({ version: 2, holidays: [holidays[1], holidays[0]] })
    // A settings PATCH read before the holiday change is now stale.
    const stale = await kit.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { currency: 'USD', version: 1 },
    })
    expect(stale.statusCode).toBe(409)
    const audit = await auditOf(kit, tenant.organizationId, 'holidays')
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'holidays.updated',
        before: { version: 1, holidays: [] },
        after: { version: 2, holidays: [holidays[1], holidays[0]] },
      }),
    ])
  })

  test('stale holiday write is 409 and keeps the old list', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    await kit.app.inject({
      method: 'PUT',
      url: '/api/settings/holidays',
      headers: admin.headers,
      payload: { holidays: [{ date: '2026-01-01', name: 'New Year' }], version: 1 },
    })
    const stale = await kit.app.inject({
      method: 'PUT',
      url: '/api/settings/holidays',
      headers: admin.headers,
      payload: { holidays: [], version: 1 },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().current).toEqual({ version: 2, holidays: [{ date: '2026-01-01', name: 'New Year' }] })
    expect(await kit.db.prisma.holiday.count({ where: { organizationId: tenant.organizationId } })).toBe(1)
  })

  test.each([
    { holidays: [{ date: '2026-02-30', name: 'x' }], field: 'body.holidays.0.date' },
    { holidays: [{ date: '2026-01-01', name: '' }], field: 'body.holidays.0.name' },
    {
      holidays: [
        { date: '2026-01-01', name: 'a' },
        { date: '2026-01-01', name: 'b' },
      ],
      field: 'body.holidays.1.date',
    },
  ])('400 naming $field', async ({ holidays, field }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'PUT',
      url: '/api/settings/holidays',
      headers: admin.headers,
      payload: { holidays, version: 1 },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ field })
  })

  test('a manager may not replace holidays', async () => {
    const { manager } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'PUT',
      url: '/api/settings/holidays',
      headers: manager.headers,
      payload: { holidays: [], version: 1 },
    })
    expect(response.statusCode).toBe(403)
  })
})
