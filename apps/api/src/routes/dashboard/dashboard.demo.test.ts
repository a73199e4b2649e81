import { loadDemoDataIfEmpty } from '@kpi/db/demo/load'
import { defaultThresholds } from '@kpi/db/organization/defaults'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { PERIOD_TYPES } from '@kpi/domain/periods'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { loginAs, type Session } from '../../testing/login-as.ts'
import { testConfig } from '../../testing/test-app.ts'

// The whole demo organisation through the real route and its response schema: every KPI of every focus area,
// for every role and period type. Fixture tests cover the arithmetic; this one catches an answer the response
// schema refuses (a 500) on realistic data — as happened when the domain added a no-value reason.

const password = 'demo-test-password'
let db: TestDatabase
let app: App
const sessions: Record<'admin' | 'manager' | 'rep', Session> = {} as never

beforeAll(async () => {
  db = await createTestDatabase()
  await loadDemoDataIfEmpty(db.pool, { password, seed: 7, today: new Date('2026-03-18T10:00:00Z') })
  app = await buildApp({ config: testConfig(), store: db })
  for (const role of ['admin', 'manager', 'rep'] as const) {
    sessions[role] = await loginAs(app, `${role}@example.com`, password)
  }
}, 120_000)

afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

describe('dashboards on the demo organisation', () => {
  test.each(['admin', 'manager', 'rep'] as const)(
    '%s: every period type answers 200 with its focus areas',
    async (role) => {
      for (const period of PERIOD_TYPES) {
        const response = await app.inject({
          url: `/api/dashboard?period=${period}&date=2026-03-18`,
          headers: sessions[role].headers,
        })
        expect(response.statusCode, `${role} ${period}: ${response.body.slice(0, 300)}`).toBe(200)
        const body = response.json() as { focusAreas: { kpis: unknown[] }[] }
        expect(body.focusAreas.length).toBeGreaterThan(0)
        expect(body.focusAreas.flatMap((area) => area.kpis).length).toBeGreaterThan(0)
      }
    },
  )

  test('in Dutch, the default action points read in Dutch', async () => {
    const response = await app.inject({
      url: '/api/dashboard?period=month&date=2026-03-18&locale=nl',
      headers: sessions.admin.headers,
    })
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    const cards = (
      response.json() as { focusAreas: { kpis: { key: string; status: string; actions: string[] }[] }[] }
    ).focusAreas
      .flatMap((area) => area.kpis)
      .filter((card) => card.status === 'orange' || card.status === 'red')
    // The demo's running March has cards below target; each shows its level's Dutch default texts.
    expect(cards.length).toBeGreaterThan(0)
    const defaults = new Map(defaultThresholds().map((t) => [t.kpiKey as string, t]))
    for (const card of cards) {
      const threshold = defaults.get(card.key)!
      const expected = card.status === 'red' ? threshold.redActionsNl : threshold.orangeActionsNl
      expect(card.actions, card.key).toEqual(expected)
      expect(card.actions.length, card.key).toBeGreaterThan(0)
    }
  })
})
