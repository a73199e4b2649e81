import { periodContaining } from '@kpi/domain/periods'
import { localDateTimeOf, zonedInstant } from '@kpi/domain/time-zone'
import type pg from 'pg'
import type { SeededUser, Tenant } from '../testing/seed-tenant.ts'

// Digests due now on the real clock (as the dashboard route's), for tests that compare with the dashboard: "daily at
// the current local hour", chosen an hour before today's due time, so they pass on any date.

export const AMS = 'Europe/Amsterdam'
const HOUR_MS = 3_600_000

/** Today's due time for "daily at the current local hour" (≤ now, so it is due now). */
export function dueToday(now = new Date()): { hour: number; dueAt: Date } {
  const local = localDateTimeOf(now.getTime(), AMS)
  const hour = Math.floor(local.msOfDay / HOUR_MS)
  return { hour, dueAt: new Date(zonedInstant(local.date, hour * HOUR_MS, AMS)) }
}

/** Everyone off, then these people daily at the current hour about `scope`, as if chosen an hour before it. */
export async function makeDue(pool: pg.Pool, tenant: Tenant, people: { user: SeededUser; scope: string }[]) {
  const { hour, dueAt } = dueToday()
  const everyone = [tenant.admin, ...tenant.teams.flatMap((team) => [team.manager, ...team.reps])]
  for (const user of everyone) {
    const chosen = people.find((p) => p.user.id === user.id)
    await pool.query(
      `INSERT INTO digest_subscriptions (user_id, organization_id, frequency, weekday, hour, scope_key, updated_at)
       VALUES ($1, $2, $3::"DigestFrequency", 1, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET frequency = excluded.frequency, hour = excluded.hour,
              scope_key = excluded.scope_key, updated_at = excluded.updated_at`,
      [
        user.id,
        tenant.organizationId,
        chosen ? 'daily' : 'off',
        hour,
        chosen?.scope ?? `rep:${user.id}`,
        new Date(dueAt.getTime() - HOUR_MS),
      ],
    )
  }
  return dueAt
}

/** A won-revenue target of 30 000 for team 1 and 10 000 for its first rep this month; 20 000 won by that rep. */
export async function seedFigures(pool: pg.Pool, tenant: Tenant) {
  const now = Date.now()
  const month = periodContaining(localDateTimeOf(now, AMS).date, 'month', { timeZone: AMS, fiscalYearStartMonth: 1 })
  const team = tenant.teams[0]
  const rep = team.reps[0]
  await pool.query(
    `INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, user_id, period_type, period_start, value)
     VALUES ($1, 'revenue.won', 'TEAM', $2, $3, NULL, 'MONTH', $5, 30000),
            ($1, 'revenue.won', 'REP', $4, NULL, $6, 'MONTH', $5, 10000)`,
    [tenant.organizationId, `team:${team.id}`, team.id, `rep:${rep.id}`, month.startDate, rep.id],
  )
  // Closed a few minutes ago: inside the running month even in its first half hour.
  await pool.query(
    `INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status,
                        amount, created_at, closed_at)
     VALUES ($1, 'big one', $2, $3, $4, 'NEW_BUSINESS', 'won', 100, 'WON', 20000, $5, $6)`,
    [tenant.organizationId, rep.id, team.id, rep.customerId, new Date(now - 20 * 60_000), new Date(now - 10 * 60_000)],
  )
}
