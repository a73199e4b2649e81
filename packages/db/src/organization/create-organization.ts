import { DEFAULT_FOCUS_AREAS } from '@kpi/domain/focus-areas'
import type pg from 'pg'
import { DEFAULT_ORGANIZATION_SETTINGS, defaultThresholds } from './defaults.ts'

export type NewOrganization = {
  name: string
  timeZone: string
  currency: string
  fiscalYearStartMonth: number
}

/**
 * The first admin; the email normalised and the password hashed by the caller (scrypt outside the transaction).
 * `locale`: the language of their e-mails (the setup page sends its UI language); 'en' when not given.
 */
export type FirstAdmin = { name: string; email: string; passwordHash: string; locale?: 'en' | 'nl' | undefined }

export type CreatedOrganization = { organizationId: number; slug: string; adminId: number }

/** The organisation could not be created; `message` says why in words an operator can act on. */
export class OrganizationConflict extends Error {}

/** Serialises every creation of an organisation, so "is this the first?" and "is the slug free?" stay true. */
const CREATE_ORGANIZATION_LOCK_ID = 72_707_371

/** 'Sales B.V.' → 'sales-b-v'; a name with no Latin letters or digits becomes 'organization'. */
export function slugFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
  return slug || 'organization'
}

async function freeSlug(client: pg.PoolClient, name: string): Promise<string> {
  const base = slugFor(name)
  const { rows } = await client.query<{ slug: string }>(
    `SELECT slug FROM organizations WHERE slug = $1 OR slug LIKE $1 || '-%'`,
    [base],
  )
  const taken = new Set(rows.map((row) => row.slug))
  let slug = base
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
  return slug
}

/** A second organisation with the same name is almost always a repeated command, not a new customer. */
async function assertNameFree(client: pg.PoolClient, name: string, email: string): Promise<void> {
  const { rows } = await client.query<{ id: number; has_email: boolean }>(
    `SELECT o.id, EXISTS (SELECT 1 FROM users u WHERE u.organization_id = o.id AND u.email = $2) AS has_email
       FROM organizations o WHERE lower(o.name) = lower($1) ORDER BY o.id LIMIT 1`,
    [name, email],
  )
  const existing = rows[0]
  if (!existing) return
  throw new OrganizationConflict(
    existing.has_email
      ? `${email} is already an account of organisation "${name}" (id ${existing.id}): nothing created`
      : `an organisation named "${name}" already exists (id ${existing.id}): choose another name`,
  )
}

async function insertDefaults(client: pg.PoolClient, organizationId: number): Promise<void> {
  const thresholds = defaultThresholds()
  // unnest() would flatten the action arrays, hence one small statement per threshold.
  for (const t of thresholds) {
    await client.query(
      `INSERT INTO thresholds (organization_id, kpi_key, scope_key, mode, green_from, orange_from,
                               green_actions, orange_actions, red_actions,
                               green_actions_nl, orange_actions_nl, red_actions_nl)
       VALUES ($1, $2, 'org', $3::"ThresholdMode", $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        organizationId,
        t.kpiKey,
        t.mode,
        t.greenFrom,
        t.orangeFrom,
        t.greenActions,
        t.orangeActions,
        t.redActions,
        t.greenActionsNl,
        t.orangeActionsNl,
        t.redActionsNl,
      ],
    )
  }
  for (const area of DEFAULT_FOCUS_AREAS) {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO focus_areas (organization_id, key, name_en, name_nl, rank) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [organizationId, area.key, area.name.en, area.name.nl, area.rank],
    )
    await client.query(
      `INSERT INTO focus_area_kpis (focus_area_id, kpi_key, rank)
       SELECT $1, kpi_key, rank FROM unnest($2::text[]) WITH ORDINALITY AS k(kpi_key, rank)`,
      [rows[0]!.id, area.kpiKeys],
    )
  }
}

async function audit(client: pg.PoolClient, organizationId: number, entity: string, id: number, after: object) {
  // Nobody is signed in while an organisation is created: a system change (actor_id NULL), as audit.db.ts defines.
  await client.query(
    `INSERT INTO audit_log (organization_id, actor_id, action, entity, entity_id, after)
     VALUES ($1, NULL, $2, $3, $4, $5)`,
    [organizationId, `${entity}.created`, entity, String(id), JSON.stringify(after)],
  )
}

/**
 * Creates an organisation with the defaults of organization/defaults.ts (settings, thresholds with their action
 * points, the focus-area layout) and its first admin, in one transaction, with an audit entry for each.
 * `onlyIfFirst` (the web's first-run setup): returns null, creating nothing, when any organisation exists —
 * concurrent calls are serialised by an advisory lock, so exactly one of them creates it. Otherwise (the
 * operator's `pnpm setup:org`) throws OrganizationConflict when an organisation of that name exists.
 */
export async function createOrganization(
  pool: pg.Pool,
  { organization, admin, onlyIfFirst }: { organization: NewOrganization; admin: FirstAdmin; onlyIfFirst: boolean },
): Promise<CreatedOrganization | null> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_ORGANIZATION_LOCK_ID])
    if (onlyIfFirst && (await client.query('SELECT 1 FROM organizations LIMIT 1')).rows.length > 0) {
      await client.query('ROLLBACK')
      return null
    }
    await assertNameFree(client, organization.name, admin.email)
    const settings = {
      ...DEFAULT_ORGANIZATION_SETTINGS,
      ...organization,
      slug: await freeSlug(client, organization.name),
    }
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO organizations (name, slug, time_zone, currency, fiscal_year_start_month, leaderboard_enabled,
                                  split_team_targets, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [
        settings.name,
        settings.slug,
        settings.timeZone,
        settings.currency,
        settings.fiscalYearStartMonth,
        settings.leaderboardEnabled,
        settings.splitTeamTargets,
      ],
    )
    const organizationId = rows[0]!.id
    const { rows: users } = await client.query<{ id: number }>(
      `INSERT INTO users (organization_id, email, name, role, password_hash, locale, updated_at)
       VALUES ($1, $2, $3, 'ADMIN', $4, $5, now()) RETURNING id`,
      [organizationId, admin.email, admin.name, admin.passwordHash, admin.locale ?? 'en'],
    )
    const adminId = users[0]!.id
    await insertDefaults(client, organizationId)
    await audit(client, organizationId, 'organization', organizationId, { id: organizationId, ...settings })
    await audit(client, organizationId, 'user', adminId, {
      id: adminId,
      name: admin.name,
      email: admin.email,
      role: 'admin',
      teamId: null,
      active: true,
      version: 1,
    })
    await client.query('COMMIT')
    return { organizationId, slug: settings.slug, adminId }
  } catch (error) {
    // A failed ROLLBACK (the connection died) must not hide the error that caused it; that client is discarded.
    await client.query('ROLLBACK').catch(() => {
      broken = true
    })
    throw error
  } finally {
    client.release(broken)
  }
}
