/**
 * Writes the fixture (./fixture.ts) into a test database with explicit ids, so the domain Dataset's ids
 * are the rows' ids. Both organisations, one transaction.
 */
import type pg from 'pg'
import type { Dataset } from '@kpi/domain/reference/rows'
import { ORG, OTHER_CUSTOMERS, OTHER_ORG, OTHER_USERS, USERS, type Fixture } from './fixture.ts'

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
