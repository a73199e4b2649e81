import type pg from 'pg'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'

/**
 * A tenant whose rep teams[0].reps[0] has a November 2026 won-revenue target of 10 000 and nothing won yet, so
 * on NOW (Monday 16 November, about half the month's working days gone) the KPI is red for that rep; one won
 * deal of 20 000 (`winBigDeal`) turns it green (20 000 ≥ the pro-rated ~5 000 → far above the default green line).
 */
export const NOW = '2026-11-16T12:00:00.000Z'

export async function alertsTenant(pool: pg.Pool): Promise<Tenant> {
  const tenant = await seedTenant(pool)
  const rep = tenant.teams[0].reps[0]
  await pool.query(
    `INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, user_id, period_type, period_start, value)
     VALUES ($1, 'revenue.won', 'REP', $2, $3, 'MONTH', '2026-11-01', 10000)`,
    [tenant.organizationId, `rep:${rep.id}`, rep.id],
  )
  return tenant
}

export async function winBigDeal(pool: pg.Pool, tenant: Tenant): Promise<void> {
  const rep = tenant.teams[0].reps[0]
  await pool.query(
    `INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount,
                        created_at, closed_at)
     VALUES ($1, 'big one', $2, $3, $4, 'NEW_BUSINESS', 'won', 100, 'WON', 20000, '2026-11-02T10:00Z', '2026-11-10T10:00Z')`,
    [tenant.organizationId, rep.id, tenant.teams[0].id, rep.customerId],
  )
}
