/**
 * The records behind every KPI of the registry are exactly the rows its figure counts: on the shared KPI fixture,
 * for every scope (organisation, team, rep) × period (month, two DST months, quarter, year, a running month), the
 * rows `recordsSql` selects equal an independent selection (kpi/testing/kpi-rows.oracle.ts), and those rows add up
 * to the aggregate figures the KPI is computed from (count of rows, or sum of amounts, for the numerator and the
 * denominator). A KPI added to the registry gets a test here by itself, which fails until its records and its
 * oracle entry exist.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { GROUP_KEYS, type Aggregates } from '@kpi/domain/kpis/aggregates'
import { KPI_LIST } from '@kpi/domain/kpis/registry'
import { periodContaining, type Period } from '@kpi/domain/periods'
import { printScope } from '@kpi/domain/scope'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AuthUser } from '../../auth/auth-user.ts'
import { loadAggregates } from '../../kpi/aggregates.sql.ts'
import { scopeSetOf } from '../../kpi/scope-set.ts'
import { closeEnough } from '../../kpi/testing/compare.ts'
import { buildFixture, CHECKED_SCOPES, ORG } from '../../kpi/testing/fixture.ts'
import { insertFixture } from '../../kpi/testing/insert-fixture.ts'
import { KEY_SQL, keyOf, ORACLE, type Context } from '../../kpi/testing/kpi-rows.oracle.ts'
import { recordsSql } from './kpi-records.db.ts'
import { RECORD_SOURCES } from './kpi-records.ts'

const settings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
/** Inside February 2026, so that month is running (the pipeline is measured at now, not at the period end). */
const now = '2026-02-14T09:30:00.000Z'
const fixture = buildFixture()

const periods: Period[] = [
  periodContaining('2026-01-15', 'month', settings),
  periodContaining('2025-10-10', 'month', settings), // DST ends 26 October (a 25-hour day)
  periodContaining('2025-03-10', 'month', settings), // DST starts 30 March (a 23-hour day)
  periodContaining('2025-11-01', 'quarter', settings),
  periodContaining('2025-06-01', 'year', settings),
  periodContaining('2026-02-14', 'month', settings), // running at `now`
]
const scopes = CHECKED_SCOPES
/** An admin sees the whole organisation, so the scope alone decides the rows. */
const admin: AuthUser = {
  id: 1,
  organizationId: ORG,
  role: 'admin',
  name: 'Admin',
  email: 'admin@main.test',
  teamId: null,
  managedTeamIds: [],
}

let db: TestDatabase
/** SQL aggregates per scope (index in `scopes`) and period (index in `periods`): what the KPIs are computed from. */
let aggregates: Partial<Aggregates>[][]
beforeAll(async () => {
  db = await createTestDatabase()
  await insertFixture(db.pool, fixture)
  aggregates = await Promise.all(
    scopes.map(async (scope) => {
      const request = { organizationId: ORG, scopes: scopeSetOf(scope), periods, now, settings, groups: GROUP_KEYS }
      return (await loadAggregates(db.pool, request))[0]!
    }),
  )
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

describe.each(KPI_LIST.map((kpi) => ({ kpi, key: kpi.key })))('$key', ({ kpi, key }) => {
  test('its records are the rows behind its numerator and denominator, in every scope and period', async () => {
    const source = RECORD_SOURCES[key]
    const oracle = ORACLE[key]
    expect(source, `${key} has no records definition (routes/kpis/kpi-records.ts)`).toBeDefined()
    expect(oracle, `${key} has no oracle entry (kpi/testing/kpi-rows.oracle.ts)`).toBeDefined()
    expect(oracle.figures.length, `${key}: name the figures its rows make`).toBeGreaterThan(0)
    let listedSomewhere = false
    for (const [si, scope] of scopes.entries()) {
      if (!kpi.scopes.includes(scope.type)) continue
      for (const [pi, period] of periods.entries()) {
        const where = `${key} ${printScope(scope)} ${period.label}`
        const sql = recordsSql(admin, { key, scope, period, now, settings })!
        expect(sql.def.entity, where).toBe(oracle.entity)
        const { rows } = await db.pool.query<{ key: string }>(
          `SELECT ${KEY_SQL[oracle.entity]} AS key FROM ${sql.def.table} t WHERE ${sql.where}`,
          sql.params,
        )
        const context: Context = { data: fixture.data, scope, period, now, settings }
        const expected = oracle.rows(context)
        const keys = (expected as never[]).map((row) => keyOf[oracle.entity](row))
        expect(rows.map((r) => r.key).sort(), where).toEqual(keys.sort())
        listedSomewhere ||= rows.length > 0
        for (const figure of oracle.figures) {
          const counted = expected.filter((row) => figure.of?.(row as never, context) ?? true)
          const value = counted.reduce((sum, row) => sum + (figure.measure?.(row as never, context) ?? 1), 0)
          closeEnough(value, figure.equals(aggregates[si]![pi] as Aggregates), `${where}: ${figure.name}`)
        }
      }
    }
    expect(listedSomewhere, `${key}: the fixture lists no row anywhere, so this test proves nothing`).toBe(true)
  })
})
