import { describe, expect, test } from 'vitest'
import { alertsTenant, NOW, winBigDeal } from '../../alerts/alerts-fixture.ts'
import { detectStatusChanges } from '../../alerts/detect.ts'
import { loginAs } from '../../testing/login-as.ts'
import { useApp } from '../settings/config-test-kit.ts'

const kit = useApp()

/** A tenant where rep teams[0].reps[0]'s won revenue went red → green: admin, manager 1 and that rep are told. */
async function tenantWithChange() {
  const tenant = await alertsTenant(kit.db.pool)
  await detectStatusChanges(kit.db, { organizationId: tenant.organizationId, now: NOW })
  await winBigDeal(kit.db.pool, tenant)
  const result = await detectStatusChanges(kit.db, { organizationId: tenant.organizationId, now: NOW })
  return { tenant, perUser: result.changes.length }
}

describe('GET /api/notifications', () => {
  test('own notifications only, with en/nl text and a link; others see none', async () => {
    const { tenant, perUser } = await tenantWithChange()
    const rep = tenant.teams[0].reps[0]
    const asRep = await loginAs(kit.app, rep.email)
    const before = Date.now()
    const en = await kit.app.inject({ url: '/api/notifications', headers: asRep.headers })
    expect(en.statusCode).toBe(200)
    const body = en.json()
    // The server's clock at answering, which the client measures "2 hours ago" from.
    expect(Date.parse(body.now)).toBeGreaterThanOrEqual(before)
    expect(Date.parse(body.now)).toBeLessThanOrEqual(Date.now())
    expect(body.unreadCount).toBe(perUser)
    expect(body.total).toBe(perUser)
    const month = body.items.find((i: { period: { type: string } }) => i.period.type === 'month')
    expect(month).toMatchObject({
      kpiKey: 'revenue.won',
      scope: `rep:${rep.id}`,
      from: 'red',
      to: 'green',
      text: `Won revenue for ${rep.name} turned green — November 2026`,
      link: `/kpi/revenue.won?scope=rep%3A${rep.id}&period=month&date=2026-11-01`,
      readAt: null,
      createdAt: NOW,
      period: { type: 'month', label: '2026-11', startDate: '2026-11-01' },
    })
    const nl = await kit.app.inject({ url: '/api/notifications?locale=nl', headers: asRep.headers })
    const nlMonth = nl.json().items.find((i: { period: { type: string } }) => i.period.type === 'month')
    expect(nlMonth.text).toBe(`Gewonnen omzet voor ${rep.name} is groen geworden — november 2026`)

    for (const email of [tenant.teams[0].reps[1].email, tenant.teams[1].manager.email, tenant.other.admin.email]) {
      const as = await loginAs(kit.app, email)
      const none = await kit.app.inject({ url: '/api/notifications', headers: as.headers })
      expect(none.json()).toMatchObject({ items: [], total: 0, unreadCount: 0 })
    }
  })

  test("mark one read (own only: 404 for someone else's), unread filter, read-all", async () => {
    const { tenant, perUser } = await tenantWithChange()
    const asManager = await loginAs(kit.app, tenant.teams[0].manager.email)
    const asAdmin = await loginAs(kit.app, tenant.admin.email)
    const list = (await kit.app.inject({ url: '/api/notifications', headers: asManager.headers })).json()
    const id = list.items[0].id as string

    const foreign = await kit.app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: asAdmin.headers,
    })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().field).toBe('params.id')

    const read = await kit.app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: asManager.headers,
    })
    expect(read.json()).toEqual({ updated: 1, unreadCount: perUser - 1 })
    const unread = (await kit.app.inject({ url: '/api/notifications?unread=true', headers: asManager.headers })).json()
    expect(unread.items.map((i: { id: string }) => i.id)).not.toContain(id)
    expect(unread.total).toBe(perUser - 1)

    const all = await kit.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: asManager.headers })
    expect(all.json()).toEqual({ updated: perUser - 1, unreadCount: 0 })
    // The admin's copies are untouched by the manager reading theirs.
    const adminList = (await kit.app.inject({ url: '/api/notifications', headers: asAdmin.headers })).json()
    expect(adminList.unreadCount).toBe(perUser)
  })

  test('read notifications stay in the history (newest first) with when they were read; only the unread filter drops them', async () => {
    const { tenant, perUser } = await tenantWithChange()
    const asRep = await loginAs(kit.app, tenant.teams[0].reps[0].email)
    const before = (await kit.app.inject({ url: '/api/notifications', headers: asRep.headers })).json()
    await kit.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: asRep.headers })
    const after = (await kit.app.inject({ url: '/api/notifications', headers: asRep.headers })).json()
    expect(after).toMatchObject({ total: perUser, unreadCount: 0 })
    expect(after.items.map((i: { id: string }) => i.id)).toEqual(before.items.map((i: { id: string }) => i.id))
    for (const item of after.items) expect(item.readAt).not.toBeNull()
    const unread = (await kit.app.inject({ url: '/api/notifications?unread=true', headers: asRep.headers })).json()
    expect(unread).toMatchObject({ items: [], total: 0 })
  })

  test('bad page is a 400 naming the field', async () => {
    const { tenant } = await tenantWithChange()
    const as = await loginAs(kit.app, tenant.admin.email)
    const response = await kit.app.inject({ url: '/api/notifications?page=0', headers: as.headers })
    expect(response.statusCode).toBe(400)
    expect(response.json().field).toBe('query.page')
  })
})
