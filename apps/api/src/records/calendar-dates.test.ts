import { describe, expect, test } from 'vitest'
import { useImportKit } from '../routes/import/import-test-kit.ts'
import { loginAs } from '../testing/login-as.ts'

// Issue 17: "setting the organisation's time zone after an import silently moved March revenue". Deals imported
// with bare dates in Europe/Amsterdam, then the zone changes to America/New_York (over real HTTP, every test in a
// tenant of its own):
//   D1 won 1000, closed 2026-03-01 (bare) → Amsterdam midnight = 2026-02-28T23:00Z: 18:00 on Feb 28 in New York
//   D2 won  200, closed 2026-03-31 (bare) → 2026-03-30T22:00Z (CEST)
//   D3 won   30, closed 2026-04-01 (bare) → 2026-03-31T22:00Z: 18:00 on Mar 31 in New York
//   D4 won    4, closed 2026-03-15T02:00:00Z (a time: 03:00 on the 15th in Amsterdam, 22:00 on the 14th in New York)
//   D5 open, amount blank (unknown)
// March revenue in Amsterdam = 1000 + 200 + 4 = 1204. Had the instants stayed, New York's March would be
// 200 + 30 + 4 = 234; re-anchored, the bare dates keep their day: 1204 again.

const kit = useImportKit()

function dealsCsv(): string {
  const rep = kit.tenant.teams[0].reps[0].email
  return [
    'externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt,closedAt',
    `D1,One,${rep},NEW_BUSINESS,won,100,WON,1000,2026-02-01,2026-03-01`,
    `D2,Two,${rep},NEW_BUSINESS,won,100,WON,200,2026-02-01,2026-03-31`,
    `D3,Three,${rep},NEW_BUSINESS,won,100,WON,30,2026-02-01,2026-04-01`,
    `D4,Four,${rep},NEW_BUSINESS,won,100,WON,4,2026-02-01,2026-03-15T02:00:00Z`,
    `D5,Five,${rep},NEW_BUSINESS,engaging,20,OPEN,,2026-02-01,`,
  ].join('\r\n')
}

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${kit.base}/api${path}`, {
    method,
    headers: { ...kit.admin.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { version: number } }
}

async function marchRevenue(): Promise<unknown> {
  const { body } = await call('GET', '/kpis/revenue.won?scope=org&period=month&date=2026-03-10')
  return (body['kpi'] as { value: unknown }).value
}

async function setZone(timeZone: string) {
  const { body: settings } = await call('GET', '/settings')
  return call('PATCH', '/settings', { timeZone, version: settings.version })
}

/** Each deal's stored instant and its calendar day in the organisation's zone now. */
async function closings() {
  const { rows } = await kit.db.pool.query<{ key: string; at: string; day: string; marked: string[] }>(
    `SELECT d.external_id AS key, to_char(d.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS at,
            to_char(d.closed_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS day, d.calendar_fields AS marked
       FROM deals d JOIN organizations o ON o.id = d.organization_id
      WHERE d.organization_id = $1 ORDER BY d.external_id`,
    [kit.tenant.organizationId],
  )
  return rows
}

describe('calendar dates keep their day when the time zone changes', () => {
  test('import in Amsterdam, switch to New York: March revenue and every closed day stay; a time keeps its instant', async () => {
    expect((await kit.upload('deals', dealsCsv())).status).toBe(200)
    expect(await marchRevenue()).toMatchObject({ kind: 'value', value: 1204 })
    expect(await closings()).toEqual([
      { key: 'D1', at: '2026-02-28T23:00Z', day: '2026-03-01', marked: ['created_at', 'closed_at'] },
      { key: 'D2', at: '2026-03-30T22:00Z', day: '2026-03-31', marked: ['created_at', 'closed_at'] },
      { key: 'D3', at: '2026-03-31T22:00Z', day: '2026-04-01', marked: ['created_at', 'closed_at'] },
      { key: 'D4', at: '2026-03-15T02:00Z', day: '2026-03-15', marked: ['created_at'] },
      { key: 'D5', at: null, day: null, marked: ['created_at'] },
    ])

    // 5 createdAt + 3 closedAt entered without a time; D4's closedAt with one, on another day in New York.
    const preview = await call('GET', '/settings/time-zone-preview?timeZone=America%2FNew_York')
    expect(preview.body).toEqual({
      from: 'Europe/Amsterdam',
      to: 'America/New_York',
      calendarDates: 8,
      timedInstants: 1,
      timedInstantsChangingDay: 1,
    })

    expect((await setZone('America/New_York')).status).toBe(200)
    expect(await marchRevenue()).toMatchObject({ kind: 'value', value: 1204 })
    expect(await closings()).toEqual([
      // Midnight in New York: EST (UTC−5) before 8 March, EDT (UTC−4) after.
      { key: 'D1', at: '2026-03-01T05:00Z', day: '2026-03-01', marked: ['created_at', 'closed_at'] },
      { key: 'D2', at: '2026-03-31T04:00Z', day: '2026-03-31', marked: ['created_at', 'closed_at'] },
      { key: 'D3', at: '2026-04-01T04:00Z', day: '2026-04-01', marked: ['created_at', 'closed_at'] },
      { key: 'D4', at: '2026-03-15T02:00Z', day: '2026-03-14', marked: ['created_at'] },
      { key: 'D5', at: null, day: null, marked: ['created_at'] },
    ])
  })

  test('the same file again changes nothing; an edit keeps the mark, an edit with a time clears it', async () => {
    await kit.upload('deals', dealsCsv())
    expect((await kit.upload('deals', dealsCsv())).body).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 })

    const { rows } = await kit.db.pool.query<{ id: number }>(
      `SELECT id FROM deals WHERE organization_id = $1 AND external_id = 'D1'`,
      [kit.tenant.organizationId],
    )
    const id = rows[0]!.id
    const read = await call('GET', `/deals/${id}`)
    const renamed = await call('PATCH', `/deals/${id}`, { name: 'One renamed', version: read.body.version })
    expect(renamed.status).toBe(200)
    expect(renamed.body['closedAt']).toBe('2026-02-28T23:00:00.000Z')
    expect((await closings())[0]).toMatchObject({ marked: ['created_at', 'closed_at'] })

    const timed = await call('PATCH', `/deals/${id}`, {
      closedAt: '2026-03-01T09:30:00Z',
      version: renamed.body.version,
    })
    expect(timed.status).toBe(200)
    expect((await closings())[0]).toMatchObject({ at: '2026-03-01T09:30Z', marked: ['created_at'] })
  })

  test('the preview is for admins and names a bad zone', async () => {
    const manager = await loginAs(kit.base, kit.tenant.teams[0].manager.email)
    const asManager = await fetch(`${kit.base}/api/settings/time-zone-preview?timeZone=UTC`, {
      headers: manager.headers,
    })
    expect(asManager.status).toBe(403)
    const bad = await call('GET', '/settings/time-zone-preview?timeZone=Mars%2FOlympus')
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ field: 'query.timeZone' })
  })
})
