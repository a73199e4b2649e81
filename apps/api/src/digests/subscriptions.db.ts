import type { PeriodType } from '@kpi/domain/periods'
import { parseScope, type Scope } from '@kpi/domain/scope'
import type pg from 'pg'
import { roleFromDb, type AuthUser } from '../auth/auth-user.ts'

/**
 * Who gets which digest (decision 0039): a person's own choice (digest_subscriptions) or, without a row, their
 * role's default — managers weekly on Monday 08:00 with their (first managed) team, reps weekly with their own
 * figures, admins off. Only active people with an e-mail address are recipients: without one there is no sign-in
 * and nowhere to send (decision 0028).
 */

export type DigestFrequency = 'off' | 'daily' | 'weekly'

export type Choice = {
  frequency: DigestFrequency
  weekday: number
  hour: number
  scope: string
  period: PeriodType
  sendWhenEmpty: boolean
}

export type Recipient = {
  user: AuthUser & { locale: 'en' | 'nl' }
  choice: Choice
  isDefault: boolean
  /** Since when this choice holds: a due time before it is not sent (switching on Tuesday to "Monday" waits). */
  chosenAt: Date
}

/**
 * The role's default. A manager without a team they manage gets their own figures: a team they merely belong to
 * is not theirs to see (auth/access.ts), and the organisation total is hidden from managers.
 */
export function roleDefault(user: Pick<AuthUser, 'id' | 'role' | 'managedTeamIds'>): Choice {
  const weekly = { frequency: 'weekly', weekday: 1, hour: 8, period: 'month', sendWhenEmpty: false } as const
  if (user.role === 'admin') return { ...weekly, frequency: 'off', scope: 'org' }
  const team = user.role === 'manager' ? [...user.managedTeamIds].sort((a, b) => a - b)[0] : undefined
  return { ...weekly, scope: team === undefined ? `rep:${user.id}` : `team:${team}` }
}

type RecipientRow = {
  id: number
  organization_id: number
  name: string
  email: string
  role: string
  locale: string
  team_id: number | null
  managed: number[]
  created_at: Date
  frequency: DigestFrequency | null
  weekday: number | null
  hour: number | null
  scope_key: string | null
  period_type: string | null
  send_when_empty: boolean | null
  updated_at: Date | null
}

/** Every active person with an e-mail address in the organisation (or just `userId`), with their effective choice. */
export async function loadRecipients(
  db: Pick<pg.Pool, 'query'>,
  organizationId: number,
  userId: number | null = null,
): Promise<Recipient[]> {
  const { rows } = await db.query<RecipientRow>(
    `SELECT u.id, u.organization_id, u.name, u.email, u.role, u.locale, u.team_id, u.created_at,
            coalesce(array_agg(t.id ORDER BY t.id) FILTER (WHERE t.id IS NOT NULL AND u.role = 'MANAGER'), '{}') AS managed,
            s.frequency, s.weekday, s.hour, s.scope_key, s.period_type, s.send_when_empty, s.updated_at
       FROM users u
       LEFT JOIN teams t ON t.manager_id = u.id AND t.active
       LEFT JOIN digest_subscriptions s ON s.user_id = u.id
      WHERE u.organization_id = $1 AND u.active AND u.email IS NOT NULL AND ($2::int IS NULL OR u.id = $2)
      GROUP BY u.id, s.user_id
      ORDER BY u.id`,
    [organizationId, userId],
  )
  return rows.map((row) => {
    const user = {
      id: row.id,
      organizationId: row.organization_id,
      role: roleFromDb(row.role),
      teamId: row.team_id,
      managedTeamIds: row.managed,
      name: row.name,
      email: row.email,
      locale: row.locale === 'nl' ? ('nl' as const) : ('en' as const),
    }
    if (row.frequency === null) return { user, choice: roleDefault(user), isDefault: true, chosenAt: row.created_at }
    const choice: Choice = {
      frequency: row.frequency,
      weekday: row.weekday!,
      hour: row.hour!,
      scope: row.scope_key!,
      period: row.period_type!.toLowerCase() as PeriodType,
      sendWhenEmpty: row.send_when_empty!,
    }
    return { user, choice, isDefault: false, chosenAt: row.updated_at! }
  })
}

/** Stores a person's choice (insert or replace) in the caller's transaction; `updated_at` = when it was made. */
export async function saveChoice(
  db: Pick<pg.PoolClient, 'query'>,
  user: Pick<AuthUser, 'id' | 'organizationId'>,
  choice: Choice,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO digest_subscriptions
            (user_id, organization_id, frequency, weekday, hour, scope_key, period_type, send_when_empty, updated_at)
     VALUES ($1, $2, $3::"DigestFrequency", $4, $5, $6, $7::"PeriodType", $8, $9)
     ON CONFLICT (user_id) DO UPDATE
        SET frequency = excluded.frequency, weekday = excluded.weekday, hour = excluded.hour,
            scope_key = excluded.scope_key, period_type = excluded.period_type,
            send_when_empty = excluded.send_when_empty, updated_at = excluded.updated_at`,
    [
      user.id,
      user.organizationId,
      choice.frequency,
      choice.weekday,
      choice.hour,
      choice.scope,
      choice.period.toUpperCase(),
      choice.sendWhenEmpty,
      now,
    ],
  )
}

/**
 * Names of scopes as headings show them ("Team North", "Anna de Vries"); 'org' is the organisation's name.
 * Unknown keys are left out.
 */
export async function scopeNames(
  db: Pick<pg.Pool, 'query'>,
  organizationId: number,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const scopes = keys.map(parseScope).filter((scope): scope is Scope => scope !== null)
  const ids = (type: Scope['type']) =>
    scopes.flatMap((scope) => (scope.type === type && scope.type !== 'org' ? [scope.id] : []))
  const { rows } = await db.query<{ key: string; name: string }>(
    `SELECT 'org' AS key, name FROM organizations WHERE id = $1
     UNION ALL SELECT 'team:' || id, name FROM teams WHERE organization_id = $1 AND id = ANY($2::int[])
     UNION ALL SELECT 'region:' || id, name FROM regions WHERE organization_id = $1 AND id = ANY($3::int[])
     UNION ALL SELECT 'rep:' || id, name FROM users WHERE organization_id = $1 AND id = ANY($4::int[])`,
    [organizationId, ids('team'), ids('region'), ids('rep')],
  )
  return new Map(rows.map((row) => [row.key, row.name]))
}

export type OrganizationDigestSettings = { name: string; timeZone: string; digestsEnabled: boolean }

export async function loadOrganizationDigestSettings(
  db: Pick<pg.Pool, 'query'>,
  organizationId: number,
): Promise<OrganizationDigestSettings> {
  const { rows } = await db.query<{ name: string; time_zone: string; digests_enabled: boolean }>(
    'SELECT name, time_zone, digests_enabled FROM organizations WHERE id = $1',
    [organizationId],
  )
  const row = rows[0]
  if (!row) throw new Error(`organisation ${organizationId} not found`)
  return { name: row.name, timeZone: row.time_zone, digestsEnabled: row.digests_enabled }
}
