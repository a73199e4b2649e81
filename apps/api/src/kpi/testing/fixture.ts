/**
 * The KPI fixture: organisation 1 (Europe/Amsterdam, two teams, four reps) with leads, deals, activities,
 * customers, costs and surveys from January 2025 to March 2026, plus organisation 2 whose rows sit in the
 * same periods and even point at organisation 1's users, customers and account keys, so that a missing
 * organization_id filter changes the numbers. Most rows come from a seeded generator (the comparison with
 * the in-memory reference needs volume, not hand values); the edge cases are written out below.
 *
 * The same rows are returned as a domain Dataset (organisation 1 only) for reference/aggregate-rows.ts.
 */
import type pg from 'pg'
import type { Dataset, DealRow, LeadRow } from '@kpi/domain/reference/rows'

export const ORG = 1
export const OTHER_ORG = 2
export const TEAM_NORTH = 1
export const TEAM_SOUTH = 2
export const OTHER_TEAM = 3
/** Rep id → team. User 1 is the manager of North (also a member); 6 has no team. */
export const USERS = [
  { id: 1, teamId: TEAM_NORTH, role: 'MANAGER' },
  { id: 2, teamId: TEAM_NORTH, role: 'REP' },
  { id: 3, teamId: TEAM_NORTH, role: 'REP' },
  { id: 4, teamId: TEAM_SOUTH, role: 'REP' },
  { id: 5, teamId: TEAM_SOUTH, role: 'REP' },
  { id: 6, teamId: null, role: 'REP' },
] as const
const OTHER_USERS = [7, 8]
const REPS = [2, 3, 4, 5, 6]
const CUSTOMER_IDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
const OTHER_CUSTOMERS = [13, 14]
const CHANNELS = ['web', 'referral', 'event', 'outbound']
const ACCOUNTS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell', 'soylent', 'wonka']
const DEAL_TYPES = ['new_business', 'upsell', 'cross_sell', 'renewal'] as const

/** mulberry32: a tiny seeded PRNG so the fixture is the same on every run. */
function random(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  }
}

const FROM = Date.parse('2025-01-01T00:00:00Z')
const TO = Date.parse('2026-03-31T00:00:00Z')
const MINUTE = 60_000
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
const teamOf = (userId: number) => USERS.find((u) => u.id === userId)?.teamId ?? null
const money = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`

export type Fixture = { data: Dataset; other: Dataset }

function generate(seed: number, org: 'main' | 'other'): Dataset {
  const r = random(seed)
  const reps = org === 'main' ? REPS : [...OTHER_USERS, 2] // the other org's rows also name our rep 2
  const customers = org === 'main' ? CUSTOMER_IDS : [...OTHER_CUSTOMERS, 1] // …and our customer 1
  const idBase = org === 'main' ? 0 : 10_000
  const teamFor = (userId: number) => (org === 'main' ? teamOf(userId) : OTHER_TEAM)
  const when = () => FROM + r.int(0, (TO - FROM) / MINUTE) * MINUTE
  const data: Dataset = {
    users: org === 'main' ? USERS.map((u) => ({ id: u.id, teamId: u.teamId })) : [],
    leads: [],
    deals: [],
    activities: [],
    customers: [],
    costs: [],
    surveys: [],
  }
  if (org === 'main') {
    for (const id of CUSTOMER_IDS) {
      data.customers.push({
        id,
        ownerId: id === 12 ? null : r.pick(REPS),
        idealProfile: r.chance(0.5),
        // churnedAt is set once the deals exist: a customer churns after it was acquired.
        churnedAt: null,
      })
    }
  }
  for (let n = 1; n <= 90; n++) {
    const ownerId = r.chance(0.05) ? null : r.pick(reps)
    const createdAt = when()
    const mql = r.chance(0.7) ? createdAt + r.int(0, 20) * DAY + r.int(0, 600) * MINUTE : null
    const sql = mql !== null && r.chance(0.6) ? mql + r.int(0, 15) * DAY : null
    data.leads.push({
      id: idBase + n,
      ownerId,
      // Usually the owner's team; sometimes a lead routed to the other team or to none.
      teamId: ownerId === null ? null : r.chance(0.1) ? r.pick([TEAM_NORTH, TEAM_SOUTH]) : teamFor(ownerId),
      channel: r.pick(CHANNELS),
      accountKey: r.chance(0.8) ? r.pick(ACCOUNTS) : null,
      createdAt: iso(createdAt),
      mqlAt: mql === null ? null : iso(mql),
      sqlAt: sql === null ? null : iso(sql),
      opportunityAt: sql !== null && r.chance(0.7) ? iso(sql + r.int(1, 10) * DAY) : null,
    })
  }
  for (let n = 1; n <= 160; n++) {
    const ownerId = r.chance(0.05) ? null : r.pick(reps)
    const createdAt = when()
    const status = r.pick(['open', 'won', 'won', 'lost'] as const)
    const closedAt = status === 'open' ? null : createdAt + r.int(1, 120) * DAY + r.int(0, 1439) * MINUTE
    const lead = r.chance(0.5) ? r.pick(data.leads) : null
    const amountCents = r.int(50_000, 5_000_000)
    data.deals.push({
      id: idBase + n,
      ownerId,
      teamId: ownerId === null ? null : r.chance(0.1) ? r.pick([TEAM_NORTH, TEAM_SOUTH]) : teamFor(ownerId),
      customerId: r.chance(0.85) ? r.pick(customers) : null,
      leadId: lead?.id ?? null,
      type: r.pick(DEAL_TYPES),
      status,
      probability: r.int(0, 20) * 5,
      amount: money(amountCents),
      cost: money(Math.floor((amountCents * r.int(10, 90)) / 100)),
      createdAt: iso(createdAt),
      expectedCloseAt: r.chance(0.9) ? iso(createdAt + r.int(10, 150) * DAY) : null,
      closedAt: closedAt === null || closedAt > TO ? null : iso(closedAt),
    })
  }
  for (const d of data.deals) if (d.closedAt === null && d.status !== 'open') d.status = 'open'
  for (const c of data.customers) {
    const wins = data.deals
      .filter((d) => d.customerId === c.id && d.status === 'won')
      .map((d) => Date.parse(d.closedAt!))
    if (wins.length > 0 && r.chance(0.4)) c.churnedAt = iso(Math.min(...wins) + r.int(20, 300) * DAY)
  }
  for (let n = 1; n <= 500; n++) {
    const userId = r.pick(reps)
    const lead = r.chance(0.4) ? r.pick(data.leads) : null
    // Most lead activities follow the lead (a response); some are logged before it was created.
    const occurredAt = lead && r.chance(0.8) ? Date.parse(lead.createdAt) + r.int(0, 72 * 60) * MINUTE : when()
    data.activities.push({
      id: idBase + n,
      type: r.pick(['call', 'meeting', 'proposal', 'email'] as const),
      userId,
      teamId: teamFor(userId),
      leadId: lead?.id ?? null,
      dealId: null,
      customerId: r.chance(0.4) ? r.pick(customers) : null,
      occurredAt: iso(occurredAt),
    })
  }
  for (let m = 0; m < 15; m++) {
    const month = `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`
    for (const category of ['marketing', 'sales', 'personnel', 'fixed'] as const) {
      for (const teamId of org === 'main' ? [TEAM_NORTH, TEAM_SOUTH, null] : [OTHER_TEAM]) {
        data.costs.push({ category, month, teamId, amount: money(r.int(100_000, 2_000_000)) })
      }
    }
  }
  for (let n = 1; n <= 200; n++) {
    const kind = r.pick(['nps', 'csat', 'enps', 'q12'] as const)
    const internal = kind === 'enps' || kind === 'q12'
    const score =
      kind === 'q12'
        ? `${r.int(1, 4)}.${String(r.int(0, 99)).padStart(2, '0')}`
        : String(r.int(kind === 'csat' ? 1 : 0, kind === 'csat' ? 5 : 10))
    data.surveys.push({
      kind,
      score,
      respondedAt: iso(when()),
      customerId: internal ? null : r.pick(customers),
      teamId: internal
        ? org === 'main'
          ? r.pick([TEAM_NORTH, TEAM_SOUTH])
          : OTHER_TEAM
        : r.chance(0.5)
          ? org === 'main'
            ? r.pick([TEAM_NORTH, TEAM_SOUTH])
            : OTHER_TEAM
          : null,
    })
  }
  return data
}

/** Edge cases written out (organisation 1). */
function edgeCases(data: Dataset) {
  const deal = (row: Partial<DealRow> & Pick<DealRow, 'id' | 'closedAt' | 'status'>): DealRow => ({
    ownerId: 2,
    teamId: TEAM_NORTH,
    customerId: 3,
    leadId: null,
    type: 'upsell',
    probability: 100,
    amount: '1000.00',
    cost: '400.00',
    createdAt: '2025-12-01T09:00:00.000Z',
    expectedCloseAt: null,
    ...row,
  })
  data.deals.push(
    // Won at 23:30 local time on 31 January 2026 (CET = UTC+1): January, not February.
    deal({ id: 901, status: 'won', closedAt: '2026-01-31T22:30:00.000Z', amount: '777.77' }),
    // Exactly local midnight of 1 February: February.
    deal({ id: 902, status: 'won', closedAt: '2026-01-31T23:00:00.000Z', amount: '333.33' }),
    // Closed long before anything we look at.
    deal({ id: 903, status: 'won', closedAt: '2023-06-01T10:00:00.000Z', createdAt: '2023-05-01T10:00:00.000Z' }),
    // Last day of the DST month October 2025 (CET after 26 Oct): 31 Oct 23:30 local = 22:30Z.
    deal({ id: 904, status: 'lost', closedAt: '2025-10-31T22:30:00.000Z' }),
  )
  const lead: LeadRow = {
    id: 901,
    ownerId: 3,
    teamId: TEAM_NORTH,
    channel: 'web',
    accountKey: 'edge-account',
    createdAt: '2026-01-31T22:59:59.000Z',
    mqlAt: null,
    sqlAt: null,
    opportunityAt: null,
  }
  data.leads.push(lead)
  // Customer 3 is acquired by deal 903 in 2023 and, as an ideal-profile customer, churns in January 2026.
  const three = data.customers.find((c) => c.id === 3)!
  three.idealProfile = true
  three.churnedAt = '2026-01-20T10:00:00.000Z'
}

export function buildFixture(): Fixture {
  const data = generate(20260131, 'main')
  edgeCases(data)
  const other = generate(777, 'other')
  // The other org reuses account keys: its earlier lead must not steal "new account" from ours.
  other.leads.push({
    ...other.leads[0]!,
    id: 19_999,
    accountKey: 'edge-account',
    createdAt: '2024-01-01T00:00:00.000Z',
  })
  return { data, other }
}

type Insert = [sql: string, values: unknown[]]

function rowsOf(data: Dataset, organizationId: number): Insert[] {
  const out: Insert[] = []
  for (const l of data.leads) {
    out.push([
      `INSERT INTO leads (id, organization_id, name, account_key, channel, owner_id, team_id, created_at, mql_at, sql_at, opportunity_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        l.id,
        organizationId,
        `Lead ${l.id}`,
        l.accountKey,
        l.channel,
        l.ownerId,
        l.teamId,
        l.createdAt,
        l.mqlAt,
        l.sqlAt,
        l.opportunityAt,
      ],
    ])
  }
  for (const d of data.deals) {
    out.push([
      `INSERT INTO deals (id, organization_id, name, owner_id, team_id, customer_id, lead_id, type, stage, probability,
         status, amount, cost, created_at, expected_close_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, upper($8)::"DealType", 'stage', $9, upper($10)::"DealStatus", $11, $12, $13, $14, $15)`,
      [
        d.id,
        organizationId,
        `Deal ${d.id}`,
        d.ownerId,
        d.teamId,
        d.customerId,
        d.leadId,
        d.type,
        d.probability,
        d.status,
        d.amount,
        d.cost,
        d.createdAt,
        d.expectedCloseAt,
        d.closedAt,
      ],
    ])
  }
  for (const a of data.activities) {
    out.push([
      `INSERT INTO activities (id, organization_id, type, user_id, team_id, lead_id, customer_id, occurred_at)
       VALUES ($1, $2, upper($3)::"ActivityType", $4, $5, $6, $7, $8)`,
      [a.id, organizationId, a.type, a.userId, a.teamId, a.leadId, a.customerId, a.occurredAt],
    ])
  }
  for (const c of data.costs) {
    out.push([
      `INSERT INTO costs (organization_id, category, month, team_id, amount) VALUES ($1, upper($2)::"CostCategory", $3, $4, $5)`,
      [organizationId, c.category, c.month, c.teamId, c.amount],
    ])
  }
  for (const s of data.surveys) {
    out.push([
      `INSERT INTO survey_responses (organization_id, kind, score, responded_at, customer_id, team_id)
       VALUES ($1, upper($2)::"SurveyKind", $3, $4, $5, $6)`,
      [organizationId, s.kind, s.score, s.respondedAt, s.customerId, s.teamId],
    ])
  }
  return out
}

/** Inserts both organisations in one transaction. Ids are explicit so the Dataset ids match the rows. */
export async function insertFixture(pool: pg.Pool, fixture: Fixture): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query(
      `INSERT INTO organizations (id, name, slug, time_zone, fiscal_year_start_month)
       VALUES (1, 'Main', 'main', 'Europe/Amsterdam', 1), (2, 'Other', 'other', 'Europe/Amsterdam', 1)`,
    )
    await client.query(
      `INSERT INTO teams (id, organization_id, name) VALUES (1, 1, 'North'), (2, 1, 'South'), (3, 2, 'Elsewhere')`,
    )
    for (const u of USERS) {
      await client.query(
        `INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash) VALUES ($1, 1, $2, $3, $4::"Role", $5, 'x')`,
        [u.id, `user${u.id}@main.test`, `User ${u.id}`, u.role, u.teamId],
      )
    }
    for (const id of OTHER_USERS) {
      await client.query(
        `INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash) VALUES ($1, 2, $2, $3, 'REP', 3, 'x')`,
        [id, `user${id}@other.test`, `Other ${id}`],
      )
    }
    for (const c of fixture.data.customers) {
      await client.query(
        `INSERT INTO customers (id, organization_id, name, segment, ideal_profile, owner_id, churned_at)
         VALUES ($1, 1, $2, 'smb', $3, $4, $5)`,
        [c.id, `Customer ${c.id}`, c.idealProfile, c.ownerId, c.churnedAt],
      )
    }
    for (const id of OTHER_CUSTOMERS) {
      await client.query(
        `INSERT INTO customers (id, organization_id, name, segment, owner_id) VALUES ($1, 2, $2, 'smb', 7)`,
        [id, `Other customer ${id}`],
      )
    }
    // Leads first (deals and activities point at them), then the rest.
    const inserts = [...rowsOf(fixture.data, ORG), ...rowsOf(fixture.other, OTHER_ORG)]
    inserts.sort((a, b) => Number(!a[0].includes('INTO leads')) - Number(!b[0].includes('INTO leads')))
    for (const [sql, values] of inserts) await client.query(sql, values)
    for (const table of ['organizations', 'teams', 'users', 'customers', 'leads', 'deals', 'activities']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`)
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}
