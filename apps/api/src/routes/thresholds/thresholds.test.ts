import { describe, expect, test } from 'vitest'
import { auditOf, tenantWithSessions, useApp } from '../settings/config-test-kit.ts'

const kit = useApp()

const relative = {
  mode: 'relative',
  greenFrom: 95,
  orangeFrom: 70,
  actions: { orange: ['Call the team together'], red: ['Escalate to sales director'] },
}

describe('GET /api/thresholds', () => {
  test('built-in defaults until something is stored, then the stored default and team overrides', async () => {
    const { tenant, admin, rep } = await tenantWithSessions(kit)
    const before = await kit.app.inject({ url: '/api/thresholds', headers: rep.headers })
    expect(before.statusCode).toBe(200)
    expect(before.headers['cache-control']).toBe('private, no-store')
    const calls = before.json().thresholds.find((t: { kpiKey: string }) => t.kpiKey === 'activity.calls')
    // The registry's default for counts: green from 100 % of target, orange from 80 %.
    expect(calls).toEqual({
      kpiKey: 'activity.calls',
      direction: 'higher',
      orgDefault: {
        id: null,
        kpiKey: 'activity.calls',
        scope: 'org',
        teamId: null,
        regionId: null,
        source: 'builtin',
        mode: 'relative',
        greenFrom: 100,
        orangeFrom: 80,
        actions: { green: [], orange: [], red: [] },
        actionsNl: { green: [], orange: [], red: [] },
        version: null,
      },
      teamOverrides: [],
      regionOverrides: [],
    })
    expect(before.json().thresholds).toHaveLength(32)
    // revenue.split is neutral: never coloured, so no default.
    expect(before.json().thresholds.find((t: { kpiKey: string }) => t.kpiKey === 'revenue.split').orgDefault).toBeNull()

    const teamId = tenant.teams[1].id
    await kit.app.inject({
      method: 'PUT',
      url: '/api/thresholds/activity.calls',
      headers: admin.headers,
      payload: relative,
    })
    await kit.app.inject({
      method: 'PUT',
      url: `/api/thresholds/activity.calls/teams/${teamId}`,
      headers: admin.headers,
      payload: { ...relative, greenFrom: 110 },
    })
    const after = await kit.app.inject({ url: '/api/thresholds', headers: rep.headers })
    const stored = after.json().thresholds.find((t: { kpiKey: string }) => t.kpiKey === 'activity.calls')
    expect(stored.orgDefault).toMatchObject({
      source: 'stored',
      greenFrom: 95,
      orangeFrom: 70,
      version: 1,
      actions: { green: [], orange: ['Call the team together'], red: ['Escalate to sales director'] },
    })
    expect(stored.teamOverrides).toEqual([
      expect.objectContaining({ scope: `team:${teamId}`, teamId, greenFrom: 110, version: 1 }),
    ])
  })
})

describe('PUT /api/thresholds/:kpiKey', () => {
  test('create, then update with the version; audit created/updated with before/after', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const created = await kit.app.inject({
      method: 'PUT',
      url: '/api/thresholds/customers.churn_rate',
      headers: admin.headers,
      payload: { mode: 'absolute', greenFrom: 2, orangeFrom: 5 },
    })
    expect(created.statusCode).toBe(200)
    expect(created.json()).toMatchObject({
      kpiKey: 'customers.churn_rate',
      scope: 'org',
      mode: 'absolute',
      greenFrom: 2,
      orangeFrom: 5,
      version: 1,
    })
    const updated = await kit.app.inject({
      method: 'PUT',
      url: '/api/thresholds/customers.churn_rate',
      headers: admin.headers,
      payload: { mode: 'absolute', greenFrom: 1.5, orangeFrom: 4, version: 1 },
    })
    expect(updated.statusCode).toBe(200)
    expect(updated.json()).toMatchObject({ greenFrom: 1.5, orangeFrom: 4, version: 2 })
    const audit = await auditOf(kit, tenant.organizationId, 'threshold')
    expect(audit.map((a) => a.action)).toEqual(['threshold.created', 'threshold.updated'])
    expect(audit[0]).toMatchObject({
      actorId: tenant.admin.id,
      before: null,
      after: { greenFrom: 2, orangeFrom: 5, version: 1 },
    })
    expect(audit[1]).toMatchObject({
      before: { greenFrom: 2, version: 1 },
      after: { greenFrom: 1.5, orangeFrom: 4, version: 2 },
    })
  })

  test('stale version → 409 with the current row; nothing written', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const url = '/api/thresholds/deals.win_rate'
    await kit.app.inject({ method: 'PUT', url, headers: admin.headers, payload: relative })
    await kit.app.inject({
      method: 'PUT',
      url,
      headers: admin.headers,
      payload: { ...relative, greenFrom: 90, version: 1 },
    })
    const stale = await kit.app.inject({
      method: 'PUT',
      url,
      headers: admin.headers,
      payload: { ...relative, greenFrom: 50, orangeFrom: 10, version: 1 },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({
      error: 'version_conflict',
      field: 'body.version',
      current: { greenFrom: 90, version: 2 },
    })
    const row = await kit.db.prisma.threshold.findFirstOrThrow({
      where: { organizationId: tenant.organizationId, kpiKey: 'deals.win_rate' },
    })
    expect({ greenFrom: Number(row.greenFrom), version: row.version }).toEqual({ greenFrom: 90, version: 2 })
    expect(await auditOf(kit, tenant.organizationId, 'threshold')).toHaveLength(2)
  })

  test('a create that collides with a stored threshold → 409', async () => {
    const { admin } = await tenantWithSessions(kit)
    const url = '/api/thresholds/activity.meetings'
    expect((await kit.app.inject({ method: 'PUT', url, headers: admin.headers, payload: relative })).statusCode).toBe(
      200,
    )
    const again = await kit.app.inject({ method: 'PUT', url, headers: admin.headers, payload: relative })
    expect(again.statusCode).toBe(409)
    expect(again.json().current).toMatchObject({ version: 1 })
  })

  test('two creates at once: one 200, one 409; one row, one audit entry', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const put = () =>
      kit.app.inject({ method: 'PUT', url: '/api/thresholds/leads.new', headers: admin.headers, payload: relative })
    const statuses = (await Promise.all([put(), put()])).map((r) => r.statusCode).sort()
    expect(statuses).toEqual([200, 409])
    expect(await kit.db.prisma.threshold.count({ where: { organizationId: tenant.organizationId } })).toBe(1)
    expect(await auditOf(kit, tenant.organizationId, 'threshold')).toHaveLength(1)
  })

  test.each([
    {
      key: 'activity.calls',
      payload: { mode: 'relative', greenFrom: 70, orangeFrom: 90 },
      field: 'body.greenFrom',
      rule: 'threshold.green-below-orange',
    }, // green below orange
    {
      key: 'activity.calls',
      payload: { mode: 'relative', greenFrom: 70, orangeFrom: -5 },
      field: 'body.orangeFrom',
      rule: 'threshold.negative',
    },
    {
      key: 'activity.calls',
      payload: { mode: 'absolute', greenFrom: 10, orangeFrom: 20 },
      field: 'body.greenFrom',
      rule: 'threshold.green-below-orange',
    }, // higher is better
    {
      key: 'customers.churn_rate',
      payload: { mode: 'absolute', greenFrom: 5, orangeFrom: 2 },
      field: 'body.greenFrom',
      rule: 'threshold.green-above-orange',
    }, // lower is better
    {
      key: 'revenue.split',
      payload: { mode: 'relative', greenFrom: 100, orangeFrom: 80 },
      field: 'params.kpiKey',
      rule: 'threshold.no-direction',
    }, // neutral
    {
      key: 'no.such_kpi',
      payload: { mode: 'relative', greenFrom: 100, orangeFrom: 80 },
      field: 'params.kpiKey',
      rule: 'invalid_value',
    },
    {
      key: 'activity.calls',
      payload: { mode: 'sideways', greenFrom: 100, orangeFrom: 80 },
      field: 'body.mode',
      rule: 'invalid_value',
    },
    {
      key: 'activity.calls',
      payload: { mode: 'relative', orangeFrom: 80 },
      field: 'body.greenFrom',
      rule: 'invalid_type',
    },
    {
      key: 'activity.calls',
      payload: { mode: 'relative', greenFrom: 100, orangeFrom: 80, actions: { red: [''] } },
      field: 'body.actions.red.0',
      rule: 'too_small',
      params: { minimum: 1, origin: 'string' },
    },
  ])('400 naming $field and the rule $rule ($key $payload.mode)', async ({ key, payload, field, rule, params }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'PUT',
      url: `/api/thresholds/${key}`,
      headers: admin.headers,
      payload,
    })
    expect(response.statusCode).toBe(400)
    // The rule (and its numbers) let the web word the message in the reader's language.
    expect(response.json()).toMatchObject({ error: 'validation_failed', field, rule, ...(params ? { params } : {}) })
  })
})

test('action points in English and Dutch are stored apart; leaving them out keeps them empty', async () => {
  const { admin } = await tenantWithSessions(kit)
  const both = {
    ...relative,
    actionsNl: { orange: ['Roep het team bij elkaar'], red: ['Schakel de salesdirecteur in'] },
  }
  const put = await kit.app.inject({
    method: 'PUT',
    url: '/api/thresholds/activity.calls',
    headers: admin.headers,
    payload: both,
  })
  expect(put.statusCode).toBe(200)
  expect(put.json()).toMatchObject({
    actions: { green: [], orange: ['Call the team together'], red: ['Escalate to sales director'] },
    actionsNl: { green: [], orange: ['Roep het team bij elkaar'], red: ['Schakel de salesdirecteur in'] },
  })
  const englishOnly = await kit.app.inject({
    method: 'PUT',
    url: '/api/thresholds/activity.calls',
    headers: admin.headers,
    payload: { ...relative, version: 1 },
  })
  expect(englishOnly.json().actionsNl).toEqual({ green: [], orange: [], red: [] })
})

describe('team overrides', () => {
  test('create, delete with version (409 when stale), audit deleted', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const url = `/api/thresholds/activity.calls/teams/${tenant.teams[0].id}`
    const created = await kit.app.inject({ method: 'PUT', url, headers: admin.headers, payload: relative })
    expect(created.statusCode).toBe(200)
    expect(created.json()).toMatchObject({
      scope: `team:${tenant.teams[0].id}`,
      teamId: tenant.teams[0].id,
      version: 1,
    })
    await kit.app.inject({ method: 'PUT', url, headers: admin.headers, payload: { ...relative, version: 1 } })
    const stale = await kit.app.inject({ method: 'DELETE', url: `${url}?version=1`, headers: admin.headers })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ field: 'query.version', current: { version: 2 } })
    const deleted = await kit.app.inject({ method: 'DELETE', url: `${url}?version=2`, headers: admin.headers })
    expect(deleted.statusCode).toBe(204)
    expect(await kit.db.prisma.threshold.count({ where: { organizationId: tenant.organizationId } })).toBe(0)
    const audit = await auditOf(kit, tenant.organizationId, 'threshold')
    expect(audit.map((a) => a.action)).toEqual(['threshold.created', 'threshold.updated', 'threshold.deleted'])
    expect(audit[2]).toMatchObject({ before: { version: 2 }, after: null })
    const gone = await kit.app.inject({ method: 'DELETE', url: `${url}?version=2`, headers: admin.headers })
    expect(gone.statusCode).toBe(404)
  })

  test("another organisation's team is 404", async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'PUT',
      url: `/api/thresholds/activity.calls/teams/${tenant.other.teamId}`,
      headers: admin.headers,
      payload: relative,
    })
    expect(response.statusCode).toBe(404)
  })
})
