/**
 * The KPI fixture: organisation 1 (Europe/Amsterdam, two teams, four reps) with leads, deals, activities,
 * customers, costs and surveys from January 2025 to March 2026, plus organisation 2 whose rows sit in the
 * same periods and even point at organisation 1's users, customers and account keys, so that a missing
 * organization_id filter changes the numbers. Most rows come from a seeded generator (the comparison with
 * the in-memory reference needs volume, not hand values); the edge cases are written out below.
 *
 * The same rows are returned as a domain Dataset (organisation 1 only) for reference/aggregate-rows.ts;
 * ./insert-fixture.ts writes them to the database.
 */
import type { Dataset, DealRow, LeadRow } from '@kpi/domain/reference/rows'
import type { Scope } from '@kpi/domain/scope'

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
export const OTHER_USERS = [7, 8]
/** The scopes the SQL-vs-reference tests check: the organisation, both teams, reps of each team and one without. */
export const CHECKED_SCOPES: readonly Scope[] = [
  { type: 'org' },
  { type: 'team', id: TEAM_NORTH },
  { type: 'team', id: TEAM_SOUTH },
  { type: 'rep', id: 2 },
  { type: 'rep', id: 4 },
  { type: 'rep', id: 6 }, // no team
]
const REPS = [2, 3, 4, 5, 6]
const CUSTOMER_IDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
export const OTHER_CUSTOMERS = [13, 14]
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
      // Unknown amounts (open deals) and costs (any), by position so the random stream stays as it was.
      amount: status === 'open' && n % 7 === 2 ? null : money(amountCents),
      cost: n % 10 === 3 ? (r.int(10, 90), null) : money(Math.floor((amountCents * r.int(10, 90)) / 100)),
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
