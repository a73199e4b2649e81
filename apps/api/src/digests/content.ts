/**
 * What a digest says (issue 20, decision 0039), before it is written as an e-mail, Slack blocks or a Teams card
 * (./render-*.ts): for one scope and the running period, each focus area's KPIs with value, target, status (label
 * and symbol, never colour alone), what changed zone since the last digest, the pace lines of My targets, and
 * links into the product. Every text is already in the reader's language. Built from the dashboard answer
 * (kpi/dashboard.ts), so a digest never disagrees with the dashboard for the same scope and period.
 */
import type pg from 'pg'
import type { DashboardKpi } from '@kpi/contract/dashboard'
import { formatKpiValue, formatNumber } from '@kpi/domain/format'
import type { FormatSpec, Unit } from '@kpi/domain/kpis/define-kpi'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { paceNeed } from '@kpi/domain/pace'
import type { PeriodType } from '@kpi/domain/periods'
import { printScope, type Scope } from '@kpi/domain/scope'
import { statusChanged, type Status } from '@kpi/domain/status'
import { localDateOf, type Instant } from '@kpi/domain/time-zone'
import { canViewScope, resolveScopeContext } from '../auth/access.ts'
import { roleFromDb, type AuthUser } from '../auth/auth-user.ts'
import { notificationLink } from '../alerts/notification-text.ts'
import { dashboard } from '../kpi/dashboard.ts'
import type { Locale } from '../kpi/kpi-card.ts'
import {
  footerLine,
  introLine,
  paceLine,
  periodHeading,
  scopeHeading,
  STATUS_WORDS,
  subjectLine,
  type DigestKind,
} from './words.ts'

export type DigestKpi = {
  key: KpiKey
  /** "Won revenue" / "Gewonnen omzet". */
  name: string
  /** Formatted in the reader's language and the organisation's currency ("€ 12.400"), or null without a value. */
  value: string | null
  /** The full-period target, formatted; null without one. */
  target: string | null
  status: Status
  /** "On track" / "Op koers", as the web app says it. */
  statusLabel: string
  /** ✓ ! ✕ – ? ○ as the gauges show it: the status is never told by colour alone. */
  statusSymbol: string
  /** value ÷ target (0…, may pass 1) for a bar; null without both or for KPIs where lower is better. */
  progress: number | null
  /** The My targets pace line ("To reach €20,000: €1,235 more per working day …"); null where it has none. */
  pace: string | null
  /** The status the previous digest to this recipient showed, when it differs from `status`. */
  changedFrom: { status: Status; label: string } | null
  /** Absolute link to the KPI detail for this scope and period (PUBLIC_URL + /kpi/…). */
  url: string
}

export type DigestContent = {
  locale: Locale
  organizationName: string
  /** The person it is for ("Anna de Vries"), or null for a webhook's digest. */
  recipientName: string | null
  scope: string
  /** "Team North", "Anna de Vries", "Whole organisation" — as the dashboard heading says it. */
  scopeName: string
  period: { type: PeriodType; label: string; startDate: string; endDate: string }
  /** Subject line / Slack and Teams title: "Your weekly digest: Team North, December 2026". */
  subject: string
  /** One line under the title: "Figures up to Friday 4 December (3 of 21 working days to go)". */
  intro: string
  areas: { key: string; name: string; kpis: DigestKpi[] }[]
  /** The KPIs whose status changed since the last digest (also inside `areas`). */
  changes: DigestKpi[]
  /** Absolute links: the dashboard for this scope and period, and where to change or stop the digest. */
  dashboardUrl: string
  settingsUrl: string
  /** Why this digest arrives and that settingsUrl changes or stops it (the footer of every channel). */
  footer: string
  /** KPI key → status shown, stored with the send so the next digest can say what changed. */
  statuses: Record<string, Status>
  /** Nothing to say: no KPI has a target or a value. No e-mail then, unless the person asked for it anyway. */
  empty: boolean
}

export type DigestRequest = {
  organizationId: number
  scope: Scope
  periodType: PeriodType
  now: Instant
  locale: Locale
  /** The person it is for (their name, and what a rep may see of a team); null for a webhook's digest. */
  recipient: { id: number; name: string; role: 'admin' | 'manager' | 'rep' } | null
  /** What the previous digest to this recipient showed (digest_sends.statuses), or {} for the first one. */
  previousStatuses: Record<string, Status>
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string
  frequency: 'daily' | 'weekly' | 'manual'
}

/** The recipient may no longer see the scope (moved team, role changed, left): no digest is built for them. */
export class DigestScopeHiddenError extends Error {
  constructor(userId: number, scope: Scope) {
    super(`user ${userId} may not see ${printScope(scope)} (any more): no digest`)
    this.name = 'DigestScopeHiddenError'
  }
}

/** Only colours are compared, as alerts do: no-data, no-target and not-started say nothing about how a KPI is doing. */
const COLOURS: ReadonlySet<Status> = new Set(['green', 'orange', 'red'])

/**
 * The digest for one recipient (or webhook), scope and the period running at `now`: the dashboard answer for that
 * scope, period and day (today in the organisation's time zone) in the reader's language, restricted as the
 * dashboard route restricts it for that person. Throws DigestScopeHiddenError when the person may not (or no
 * longer) see the scope.
 */
export async function buildDigest(pool: pg.Pool, request: DigestRequest): Promise<DigestContent> {
  const { organizationId, scope, locale, recipient, publicUrl } = request
  const organization = await loadOrganization(pool, organizationId)
  const ownLine = recipient && (await ownLineOnly(pool, organizationId, recipient.id, scope))
  const date = localDateOf(request.now, organization.timeZone)
  const answer = await dashboard(
    { pool },
    {
      organizationId,
      scope,
      periodType: request.periodType,
      date,
      now: request.now,
      locale,
      breakdownOnlyFor: ownLine ?? undefined,
    },
  )
  const scopeKey = printScope(scope)
  const who = recipient !== null && scopeKey === `rep:${recipient.id}` ? 'you' : 'team'
  const kpi = (card: DashboardKpi): DigestKpi => {
    const spec = { unit: card.unit as Unit, format: card.format as FormatSpec }
    const text = (n: number) => formatNumber(n, spec.unit, spec.format, locale, organization.currency)
    const status = card.status
    const previous = request.previousStatuses[card.key]
    const changed =
      previous !== undefined && COLOURS.has(previous) && COLOURS.has(status) && statusChanged(previous, status)
    const value = card.value.kind === 'value' ? card.value.value : null
    const need = paceNeed(
      {
        target: card.target?.full ?? null,
        gapToFull: card.target?.gapToFull ?? null,
        accumulation: card.accumulation,
        direction: card.direction,
        unit: spec.unit,
        fractionDigits: spec.format.maximumFractionDigits,
      },
      answer.workingDays.remaining,
    )
    return {
      key: card.key as KpiKey,
      name: card.name,
      value: value === null ? null : formatKpiValue(card.value, spec, locale, organization.currency),
      target: card.target ? text(card.target.full) : null,
      status,
      statusLabel: STATUS_WORDS[locale][status].label,
      statusSymbol: STATUS_WORDS[locale][status].symbol,
      progress:
        value !== null && card.target && card.target.full > 0 && card.direction === 'higher'
          ? value / card.target.full
          : null,
      pace: need && paceLine(need, text, who, locale),
      changedFrom: changed ? { status: previous, label: STATUS_WORDS[locale][previous].label } : null,
      url: publicUrl + notificationLink(card.key, scopeKey, request.periodType, answer.period.startDate),
    }
  }
  const areas = answer.focusAreas.map((area) => ({ key: area.key, name: area.name, kpis: area.kpis.map(kpi) }))
  const all = areas.flatMap((area) => area.kpis)
  const scopeName = scopeHeading(scope, answer.scopeName, locale)
  const periodText = periodHeading(answer.period, locale)
  const kind: DigestKind = { frequency: request.frequency, forPerson: recipient !== null }
  const dashboardQuery = new URLSearchParams({ scope: scopeKey, period: request.periodType, date })
  return {
    locale,
    organizationName: organization.name,
    recipientName: recipient?.name ?? null,
    scope: scopeKey,
    scopeName,
    period: {
      type: request.periodType,
      label: periodText,
      startDate: answer.period.startDate,
      endDate: answer.period.endDate,
    },
    subject: subjectLine(kind, scopeName, periodText, locale),
    intro: introLine(request.now, organization.timeZone, answer.workingDays, locale),
    areas,
    changes: all.filter((k) => k.changedFrom !== null),
    dashboardUrl: `${publicUrl}/?${dashboardQuery.toString()}`,
    // A person changes their own digest; a channel's digest is the admin's (the webhooks section).
    settingsUrl: `${publicUrl}${recipient ? '/me/digest' : '/admin'}`,
    footer: footerLine(kind, organization.name, locale),
    statuses: Object.fromEntries(all.map((k) => [k.key, k.status])),
    empty: all.every((k) => k.value === null && k.target === null),
  }
}

type Organization = { name: string; currency: string; timeZone: string }

async function loadOrganization(pool: pg.Pool, organizationId: number): Promise<Organization> {
  const { rows } = await pool.query<Organization>(
    `SELECT name, currency, time_zone AS "timeZone" FROM organizations WHERE id = $1`,
    [organizationId],
  )
  if (!rows[0]) throw new Error(`organization ${organizationId} not found`)
  return rows[0]
}

/**
 * The dashboard route's rules for this person, now (their role and team may have changed since they chose the
 * scope): throws unless they may see it; a rep reading a team without the team leaderboard keeps only their own
 * per-rep line (SPEC 6) — the returned id, else null.
 */
async function ownLineOnly(
  pool: pg.Pool,
  organizationId: number,
  userId: number,
  scope: Scope,
): Promise<number | null> {
  const { rows } = await pool.query<{
    role: string
    team_id: number | null
    name: string
    email: string | null
    managed: number[]
  }>(
    `SELECT u.role, u.team_id, u.name, u.email,
            coalesce(array_agg(t.id ORDER BY t.id) FILTER (WHERE t.id IS NOT NULL AND u.role = 'MANAGER'), '{}') AS managed
       FROM users u LEFT JOIN teams t ON t.manager_id = u.id AND t.active
      WHERE u.id = $1 AND u.organization_id = $2 AND u.active
      GROUP BY u.id`,
    [userId, organizationId],
  )
  const row = rows[0]
  if (!row) throw new DigestScopeHiddenError(userId, scope)
  const user: AuthUser = {
    id: userId,
    organizationId,
    role: roleFromDb(row.role),
    teamId: row.team_id,
    managedTeamIds: row.managed,
    name: row.name,
    email: row.email ?? '',
  }
  const context = await resolveScopeContext(pool, user, scope)
  if (canViewScope(user, scope, context) !== 'allowed') throw new DigestScopeHiddenError(userId, scope)
  return user.role === 'rep' && scope.type === 'team' && !context.leaderboardEnabled ? userId : null
}
