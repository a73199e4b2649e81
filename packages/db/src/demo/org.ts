import { DEFAULT_ORGANIZATION_SETTINGS } from '../organization/defaults.ts'
import { DAY_MS, dayFromDate, dutchHolidays } from './calendar.ts'
import { personName } from './names.ts'
import type { Random } from './random.ts'
import type { HolidayRow, OrganizationRow, ProductRow, TeamRow, UserRow } from './rows.ts'

export const ORGANIZATION_ID = 1

const TEAM_NAMES = ['North', 'South', 'West', 'East', 'Central', 'Benelux', 'DACH', 'Nordics']

/** A rep as the simulation sees them: skills vary so the dashboard shows green, orange and red reps. */
export interface Rep {
  id: number
  teamId: number
  /** Multiplies the win probability (0.7 … 1.3). */
  winSkill: number
  /** Multiplies activity volume and speed of first response (0.75 … 1.25). */
  hustle: number
  /** Monthly loaded personnel cost in cents. */
  salaryCents: number
}

export interface Team {
  id: number
  managerId: number
  repIds: number[]
}

export interface Product {
  id: number
  name: string
  category: string
  /** Typical new-business price for a mid-market customer, in euros. */
  listPriceEur: number
  /** Relative frequency in new business. */
  popularity: number
  recurring: boolean
}

export const PRODUCTS: readonly Omit<Product, 'id'>[] = [
  { name: 'Platform Core', category: 'Software', listPriceEur: 22_000, popularity: 30, recurring: true },
  { name: 'Analytics Module', category: 'Software', listPriceEur: 12_000, popularity: 14, recurring: true },
  { name: 'Integration Hub', category: 'Software', listPriceEur: 14_000, popularity: 10, recurring: true },
  { name: 'Implementation', category: 'Services', listPriceEur: 17_000, popularity: 14, recurring: false },
  { name: 'Training Programme', category: 'Services', listPriceEur: 5_500, popularity: 9, recurring: false },
  { name: 'Consultancy Days', category: 'Services', listPriceEur: 9_500, popularity: 8, recurring: false },
  { name: 'Premium Support', category: 'Support', listPriceEur: 7_000, popularity: 9, recurring: true },
  { name: 'Managed Hosting', category: 'Support', listPriceEur: 8_500, popularity: 6, recurring: true },
]

export interface OrgSetup {
  organization: OrganizationRow
  holidays: HolidayRow[]
  teams: TeamRow[]
  users: UserRow[]
  products: ProductRow[]
  reps: Rep[]
  teamSetups: Team[]
  productSetups: Product[]
}

/**
 * The organisation, its Dutch holidays for every year covered, teams (team 1 is 'North'), users (the three demo
 * accounts first) and the product catalogue.
 */
export function generateOrganization(
  random: Random,
  options: { startDay: number; endDay: number; teams: number; repsPerTeam: readonly [number, number] },
  passwordHash: string,
): OrgSetup {
  const createdAt = new Date(options.startDay * DAY_MS)
  const organization: OrganizationRow = {
    id: ORGANIZATION_ID,
    name: 'Demo Sales B.V.',
    slug: 'demo',
    ...DEFAULT_ORGANIZATION_SETTINGS,
    createdAt,
  }

  const firstYear = new Date(options.startDay * DAY_MS).getUTCFullYear()
  const lastYear = new Date(options.endDay * DAY_MS).getUTCFullYear() + 1 // next year too: targets may run ahead
  const holidays: HolidayRow[] = []
  for (let year = firstYear; year <= lastYear; year++) {
    for (const { day, name } of dutchHolidays(year)) {
      holidays.push({ id: holidays.length + 1, organizationId: ORGANIZATION_ID, date: new Date(day * DAY_MS), name })
    }
  }

  const users: UserRow[] = []
  const addUser = (role: UserRow['role'], teamId: number | null, email?: string): UserRow => {
    const id = users.length + 1
    // Person index offset by 7 so the demo accounts do not all start with the same first name.
    const name = personName(id * 7)
    const user: UserRow = {
      id,
      organizationId: ORGANIZATION_ID,
      externalId: `demo-user-${String(id).padStart(6, '0')}`,
      email: email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
      name,
      role,
      teamId,
      passwordHash,
      createdAt,
    }
    users.push(user)
    return user
  }

  const teams: TeamRow[] = []
  const teamSetups: Team[] = []
  const reps: Rep[] = []
  addUser('ADMIN', null, 'admin@example.com')
  for (let t = 0; t < options.teams; t++) {
    const teamId = t + 1
    const manager = addUser('MANAGER', teamId, t === 0 ? 'manager@example.com' : undefined)
    const name = TEAM_NAMES[t] ?? `Team ${teamId}`
    teams.push({ id: teamId, organizationId: ORGANIZATION_ID, name, managerId: manager.id, createdAt })
    const setup: Team = { id: teamId, managerId: manager.id, repIds: [] }
    const size = random.int(options.repsPerTeam[0], options.repsPerTeam[1])
    for (let r = 0; r < size; r++) {
      const demoRep = t === 0 && r === 0
      const user = addUser('REP', teamId, demoRep ? 'rep@example.com' : undefined)
      // The demo rep is busy but converts a little below average: green on activity, orange on revenue.
      const winSkill = demoRep ? 0.9 : 0.7 + random.next() * 0.6
      const hustle = demoRep ? 1.15 : 0.75 + random.next() * 0.5
      const salaryCents = random.int(5_400, 7_200) * 100
      reps.push({ id: user.id, teamId, winSkill, hustle, salaryCents })
      setup.repIds.push(user.id)
    }
    teamSetups.push(setup)
  }

  const productSetups = PRODUCTS.map((p, i) => ({ ...p, id: i + 1 }))
  const products: ProductRow[] = productSetups.map((p) => ({
    id: p.id,
    organizationId: ORGANIZATION_ID,
    externalId: `demo-product-${String(p.id).padStart(6, '0')}`,
    name: p.name,
    category: p.category,
  }))

  return { organization, holidays, teams, users, products, reps, teamSetups, productSetups }
}

/** First day (day number) of the month `months - 1` months before today's month. */
export function historyStartDay(today: Date, months: number): number {
  return dayFromDate(today.getUTCFullYear(), today.getUTCMonth() - (months - 1), 1)
}
