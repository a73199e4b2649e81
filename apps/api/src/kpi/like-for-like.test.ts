/**
 * Like-for-like ratio KPIs (issue 18, docs/decisions/0031) through dashboard() on real PostgreSQL, at day 1, day 4
 * and the last day of a running month (and of a running week for NRR), with hand-computed expectations. Each case
 * has its own organisation holding only what had happened by its `now` (nothing is dated in the future).
 *
 * Every organisation has one team North with one rep, Anna, and runs steadily from 1 September 2026
 * (Europe/Amsterdam local times):
 *   10:00 a new customer is won (new business €500, cost €200); 11:00 a lead becomes marketing-qualified
 *   (from 31 August), and the one of the day before sales-qualified;
 *   12:00 Acme, a customer since June 2025, buys an upsell (€1,000, cost €400).
 *   Costs of team North per month: sales, marketing and personnel €1,000 per calendar day each (€30,000 in
 *   September and November, €31,000 in October and December). Revenue target December €62,000, November €60,000.
 *   20 December 2025: Acme upsell €2,000 (cost 0): inside the CLV window that ends now, not in one ending 1 January.
 *   A €20,000 deal at 50 % expected to close on 25 November, open from 1 October until it is lost on 25 November;
 *   one expected to close on 20 December, open since 10 November.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import type { Dashboard } from '@kpi/contract/dashboard'
import type { PeriodType } from '@kpi/domain/periods'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dashboard } from './dashboard.ts'

const KEYS = [
  'revenue.nrr',
  'revenue.growth',
  'efficiency.cac',
  'efficiency.cost_per_qualified_lead',
  'efficiency.labour_ratio',
  'customers.clv',
  'pipeline.coverage',
  'deals.win_rate',
  'leads.mql_to_sql',
]

/** One organisation per moment: id, the local date and hour of `now` (as UTC instant), the period asked. */
const MOMENTS = {
  monthDay1: { org: 1, now: '2026-12-01T13:00:00.000Z', periodType: 'month' }, // 1 Dec 14:00 CET
  monthDay4: { org: 2, now: '2026-12-04T08:00:00.000Z', periodType: 'month' }, // 4 Dec 09:00 CET
  monthLastDay: { org: 3, now: '2026-12-31T21:30:00.000Z', periodType: 'month' }, // 31 Dec 22:30 CET
  weekDay1: { org: 4, now: '2026-11-30T13:00:00.000Z', periodType: 'week' }, // Monday 30 Nov 14:00 CET
  weekDay4: { org: 5, now: '2026-12-03T08:00:00.000Z', periodType: 'week' }, // Thursday 3 Dec 09:00 CET
  weekLastDay: { org: 6, now: '2026-12-06T21:30:00.000Z', periodType: 'week' }, // Sunday 6 Dec 22:30 CET
} satisfies Record<string, { org: number; now: string; periodType: PeriodType }>
type Moment = keyof typeof MOMENTS

/** A row `d(day, at)` per day from `from` at local `time`, up to `now` (nothing in the future). */
const daily = (from: string, time: string, now: string) => `(
  SELECT g.day::date AS day, x.at
  FROM generate_series(DATE '${from}', DATE '2026-12-31', INTERVAL '1 day') AS g(day)
  CROSS JOIN LATERAL (SELECT (g.day::date + TIME '${time}') AT TIME ZONE 'Europe/Amsterdam' AS at) x
  WHERE x.at < TIMESTAMPTZ '${now}'
) d`

function seed(org: number, now: string): string {
  const team = org * 10 + 1
  const anna = org * 10 + 1
  const cost = (category: string) =>
    ['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01']
      .map(
        (m) =>
          `(${org}, '${category}', DATE '${m}', ${team}, ${m.slice(5, 7) === '10' || m.slice(5, 7) === '12' ? 31000 : 30000})`,
      )
      .join(', ')
  return `
    INSERT INTO organizations (id, name, slug) VALUES (${org}, 'Steady ${org}', 'steady-${org}');
    INSERT INTO teams (id, organization_id, name) VALUES (${team}, ${org}, 'North');
    INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash)
      VALUES (${anna}, ${org}, 'anna${org}@steady.test', 'Anna', 'REP', ${team}, 'x');
    INSERT INTO customers (organization_id, name, segment, owner_id) VALUES (${org}, 'Acme', 'smb', ${anna});
    INSERT INTO customers (organization_id, name, segment, owner_id)
      SELECT ${org}, 'New ' || d.day, 'smb', ${anna} FROM ${daily('2026-09-01', '10:00', now)};
    INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount,
                       cost, created_at, closed_at)
      SELECT ${org}, 'first', ${anna}, ${team}, c.id, 'NEW_BUSINESS', 'won', 100, 'WON', 1000, 0,
             TIMESTAMPTZ '2025-05-01T10:00Z', TIMESTAMPTZ '2025-06-02T10:00Z'
        FROM customers c WHERE c.organization_id = ${org} AND c.name = 'Acme';
    INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount,
                       cost, created_at, closed_at)
      SELECT ${org}, 'december 2025', ${anna}, ${team}, c.id, 'UPSELL', 'won', 100, 'WON', 2000, 0,
             TIMESTAMPTZ '2025-12-01T10:00Z', TIMESTAMPTZ '2025-12-20T10:00Z'
        FROM customers c WHERE c.organization_id = ${org} AND c.name = 'Acme';
    INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount,
                       cost, created_at, closed_at)
      SELECT ${org}, 'upsell', ${anna}, ${team}, c.id, 'UPSELL', 'won', 100, 'WON', 1000, 400,
             d.at - INTERVAL '10 days', d.at
        FROM ${daily('2026-09-01', '12:00', now)}
        CROSS JOIN customers c WHERE c.organization_id = ${org} AND c.name = 'Acme';
    INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount,
                       cost, created_at, closed_at)
      SELECT ${org}, 'new', ${anna}, ${team}, c.id, 'NEW_BUSINESS', 'won', 100, 'WON', 500, 200,
             x.at - INTERVAL '10 days', x.at
        FROM customers c JOIN LATERAL (
          SELECT (substring(c.name FROM 5)::date + TIME '10:00') AT TIME ZONE 'Europe/Amsterdam' AS at
        ) x ON TRUE
        WHERE c.organization_id = ${org} AND c.name LIKE 'New %';
    INSERT INTO deals (organization_id, name, owner_id, team_id, type, stage, probability, status, amount,
                       created_at, expected_close_at, closed_at)
      VALUES (${org}, 'lost in November', ${anna}, ${team}, 'NEW_BUSINESS', 'lost', 50, 'LOST', 20000,
              TIMESTAMPTZ '2026-10-01T10:00Z', TIMESTAMPTZ '2026-11-25T10:00Z', TIMESTAMPTZ '2026-11-25T10:00Z')
      , (${org}, 'open for December', ${anna}, ${team}, 'NEW_BUSINESS', 'proposal', 50, 'OPEN', 20000,
              TIMESTAMPTZ '2026-11-10T10:00Z', TIMESTAMPTZ '2026-12-20T10:00Z', NULL);
    INSERT INTO leads (organization_id, name, channel, owner_id, team_id, created_at, mql_at, sql_at)
      SELECT ${org}, 'lead', 'web', ${anna}, ${team}, d.at - INTERVAL '1 day', d.at,
             CASE WHEN d.at + INTERVAL '1 day' < TIMESTAMPTZ '${now}' THEN d.at + INTERVAL '1 day' END
        FROM ${daily('2026-08-31', '11:00', now)};
    INSERT INTO costs (organization_id, category, month, team_id, amount) VALUES
      ${cost('SALES')}, ${cost('MARKETING')}, ${cost('PERSONNEL')};
    INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, period_type, period_start, value)
      VALUES (${org}, 'revenue.won', 'TEAM', 'team:${team}', ${team}, 'MONTH', '2026-12-01', 62000),
             (${org}, 'revenue.won', 'TEAM', 'team:${team}', ${team}, 'MONTH', '2026-11-01', 60000);
    INSERT INTO focus_areas (id, organization_id, key, name_en, name_nl, rank) VALUES (${org}, ${org}, 'ratios', 'Ratios', 'Ratio''s', 1);
    INSERT INTO focus_area_kpis (focus_area_id, kpi_key, rank) VALUES ${KEYS.map((k, i) => `(${org}, '${k}', ${i + 1})`).join(', ')};
  `
}

let db: TestDatabase
const boards = new Map<Moment, Dashboard>()
beforeAll(async () => {
  db = await createTestDatabase()
  for (const { org, now } of Object.values(MOMENTS)) await db.pool.query(seed(org, now))
  for (const [name, { org, now, periodType }] of Object.entries(MOMENTS) as [Moment, (typeof MOMENTS)[Moment]][]) {
    const date = now.slice(0, 10)
    boards.set(
      name,
      await dashboard(db, { organizationId: org, scope: { type: 'team', id: org * 10 + 1 }, periodType, date, now }),
    )
  }
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const card = (moment: Moment, key: string) => {
  const found = boards
    .get(moment)!
    .focusAreas.flatMap((a) => a.kpis)
    .find((k) => k.key === key)
  if (!found) throw new Error(`${key} not on the dashboard`)
  return found
}
const value = (moment: Moment, key: string) => {
  const v = card(moment, key).value
  if (v.kind !== 'value') throw new Error(`${key} at ${moment}: no value (${v.reason})`)
  return v.value
}

describe('revenue.nrr: the cohort so far against the same elapsed span of the previous period', () => {
  test.each([
    // 1 Dec 14:00: Acme's 1 Dec upsell 1 000 ÷ 1 Nov 00:00–14:00, 1 000
    { moment: 'monthDay1', expected: 100 },
    // 4 Dec 09:00: 1–3 Dec 3 000 ÷ 1 Nov–4 Nov 09:00, 3 000 (the issue's 6 %: 3 000 ÷ the whole of November 30 000 = 10 %)
    { moment: 'monthDay4', expected: 100 },
    // 31 Dec 22:30: 31 000 ÷ the whole of November (the span 1 Nov + 30 days is capped at its end), 30 000
    { moment: 'monthLastDay', expected: (31_000 / 30_000) * 100 },
    // Weeks: Monday 14:00 1 000 ÷ 1 000; Mon–Wed 3 000 ÷ 3 000; Mon–Sun 7 000 ÷ 7 000
    { moment: 'weekDay1', expected: 100 },
    { moment: 'weekDay4', expected: 100 },
    { moment: 'weekLastDay', expected: 100 },
  ] satisfies { moment: Moment; expected: number }[])('$moment: $expected %', ({ moment, expected }) => {
    expect(value(moment, 'revenue.nrr')).toBeCloseTo(expected, 6)
    // The trend's running (last) point is the same figure.
    expect(card(moment, 'revenue.nrr').trend.at(-1)!.value).toBe(value(moment, 'revenue.nrr'))
  })

  test('4 December: "vs last period" compares 1–4 November 09:00 (3 000) with 1–4 October 09:00 (3 000): 100 %, Δ 0', () => {
    const nrr = card('monthDay4', 'revenue.nrr')
    expect(nrr.previous.value).toEqual({ kind: 'value', value: 100 })
    expect(nrr.previous.delta).toBe(0)
  })
})

describe('costs are pro-rated by the calendar time elapsed in the running month', () => {
  // December's €31 000 per category counts for 14 h, 81 h (3 days 9 h) and 742.5 h (30 days 22.5 h) of 744 h:
  //   14 h: 31 000 × 14 ÷ 744 = 583.333… → 583.33;  81 h: 3 375;  742.5 h: 30 937.50
  test.each([
    // 1 new customer (1 Dec 10:00), 1 qualified lead (11:00)
    { moment: 'monthDay1', cac: (583.33 + 583.33) / 1, cpql: 583.33 / 1 },
    // 3 new customers and 3 qualified leads (1–3 Dec; the 4th come at 10:00 and 11:00)
    { moment: 'monthDay4', cac: (3375 + 3375) / 3, cpql: 3375 / 3 },
    // 31 of each
    { moment: 'monthLastDay', cac: (30_937.5 + 30_937.5) / 31, cpql: 30_937.5 / 31 },
  ] satisfies { moment: Moment; cac: number; cpql: number }[])(
    '$moment: CAC $cac, cost per qualified lead $cpql',
    ({ moment, cac, cpql }) => {
      expect(value(moment, 'efficiency.cac')).toBeCloseTo(cac, 6)
      expect(value(moment, 'efficiency.cost_per_qualified_lead')).toBeCloseTo(cpql, 6)
    },
  )

  test('4 December: "vs last period" pro-rates November the same way (3 days 9 h of 30 days)', () => {
    // November's 30 000 × 81 ÷ 720 = 3 375 per category, 3 new customers and 3 leads on 1–3 November
    expect(card('monthDay4', 'efficiency.cac').previous.value).toEqual({ kind: 'value', value: 2250 })
    expect(card('monthDay4', 'efficiency.cost_per_qualified_lead').previous.value).toEqual({
      kind: 'value',
      value: 1125,
    })
  })

  test('4 December: labour efficiency over 1 July – now, December personnel costs for 81 of 744 hours', () => {
    // New revenue 1 Sep – 3 Dec: 94 days × (1 000 + 500) = 141 000; no fixed costs;
    // personnel 30 000 + 31 000 + 30 000 + 3 375 = 94 375 → 141 000 ÷ 94 375
    expect(value('monthDay4', 'efficiency.labour_ratio')).toBeCloseTo(141_000 / 94_375, 9)
  })
})

test.each([
  // Window 1 Jul – 1 Dec 14:00: new revenue 1 Sep – 1 Dec, 92 days × 1 500; personnel 91 000 + 31 000 × 14 ÷ 744 (583.33)
  { moment: 'monthDay1', expected: 138_000 / 91_583.33 },
  // Window 1 Jul – 31 Dec 22:30: 122 days × 1 500; personnel 91 000 + 31 000 × 742.5 ÷ 744 (30 937.50)
  { moment: 'monthLastDay', expected: 183_000 / 121_937.5 },
] satisfies { moment: Moment; expected: number }[])(
  'efficiency.labour_ratio, $moment: $expected',
  ({ moment, expected }) => {
    expect(value(moment, 'efficiency.labour_ratio')).toBeCloseTo(expected, 9)
  },
)

test.each([
  // 1 Dec 2025 14:00 – now: 2 000 (20 Dec 2025) + 92 × 600 + 92 × 300 = 84 800 over Acme + 92 = 93, 10 years
  { moment: 'monthDay1', expected: (84_800 / 93) * 10 },
  // 31 Dec 2025 22:30 – now (20 Dec 2025 falls out): 122 × 900 = 109 800 over 123 customers
  { moment: 'monthLastDay', expected: (109_800 / 123) * 10 },
] satisfies { moment: Moment; expected: number }[])('customers.clv, $moment: $expected', ({ moment, expected }) => {
  expect(value(moment, 'customers.clv')).toBeCloseTo(expected, 6)
})

test.each([
  // 1 Dec 14:00: won 1 500, the December deal still to come: 10 000 ÷ (62 000 − 1 500)
  { moment: 'monthDay1', expected: 10_000 / 60_500 },
  // 31 Dec 22:30: won 31 × 1 500; the deal expected on 20 December is overdue but still open: 10 000 ÷ 15 500
  { moment: 'monthLastDay', expected: 10_000 / 15_500 },
] satisfies { moment: Moment; expected: number }[])('pipeline.coverage, $moment: $expected', ({ moment, expected }) => {
  expect(value(moment, 'pipeline.coverage')).toBeCloseTo(expected, 9)
})

test.each([
  // 1 Dec 14:00: the MQL of 1 Dec 11:00 has not converted yet (2 Dec): 0 of 1
  { moment: 'monthDay1', expected: 0 },
  // 31 Dec 22:30: 31 MQLs, 30 sales-qualified (the one of 31 Dec converts on 1 January)
  { moment: 'monthLastDay', expected: (30 / 31) * 100 },
] satisfies { moment: Moment; expected: number }[])(
  'leads.mql_to_sql, $moment: $expected %',
  ({ moment, expected }) => {
    expect(value(moment, 'leads.mql_to_sql')).toBeCloseTo(expected, 9)
  },
)

describe('customers.clv: the 12 months ending now, not on 1 January', () => {
  test('4 December: window 4 Dec 2025 09:00 – 4 Dec 2026 09:00', () => {
    // Margin: 20 Dec 2025 2 000 + 94 upsells × 600 + 94 new customers × 300 = 86 600; active now: Acme + 94 = 95;
    // active at the window start: Acme; none churned → 10 years. 86 600 ÷ 95 × 10
    expect(value('monthDay4', 'customers.clv')).toBeCloseTo((86_600 / 95) * 10, 6)
  })
})

describe('pipeline.coverage: what the pipeline must cover is the rest of the whole period', () => {
  test('4 December, and "vs last period" against the rest of November', () => {
    // December: 10 000 weighted closing on 20 Dec ÷ (62 000 − won 3 × 1 500) = 10 000 ÷ 57 500
    expect(value('monthDay4', 'pipeline.coverage')).toBeCloseTo(10_000 / 57_500, 9)
    // At 4 Nov 09:00 the deal closing on 25 Nov was open: 10 000 ÷ (60 000 − 4 500). Before: expected to close
    // within 1–4 November only, so 0.
    const previous = card('monthDay4', 'pipeline.coverage').previous.value
    expect(previous.kind === 'value' && previous.value).toBeCloseTo(10_000 / 55_500, 9)
  })
})

test('leads.mql_to_sql, 4 December: the comparison cohort counts the conversions made by its cut', () => {
  // MQLs 1–3 Dec (11:00): 3, of which 2 sales-qualified by now (2 and 3 Dec; the 4 Dec one comes at 11:00)
  expect(value('monthDay4', 'leads.mql_to_sql')).toBeCloseTo((2 / 3) * 100, 9)
  // MQLs 1–3 Nov: 3, sales-qualified before 4 Nov 09:00: 2 (counting 4 Nov 11:00 too would give 100 %, Δ −33)
  const mqlToSql = card('monthDay4', 'leads.mql_to_sql')
  expect(mqlToSql.previous.value.kind === 'value' && mqlToSql.previous.value.value).toBeCloseTo((2 / 3) * 100, 9)
  expect(mqlToSql.previous.delta).toBeCloseTo(0, 9)
})

test('revenue.growth and deals.win_rate were like-for-like already: 4 December', () => {
  // won 1–3 Dec 4 500 vs 1–4 Nov 09:00 4 500: 0 %; 3 × 2 won, nothing lost: 100 %
  expect(value('monthDay4', 'revenue.growth')).toBe(0)
  expect(value('monthDay4', 'deals.win_rate')).toBe(100)
})
