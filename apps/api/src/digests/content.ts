/**
 * What a digest says (issue 20, decision 0039), before it is written as an e-mail, Slack blocks or a Teams card
 * (./render-*.ts): for one scope and the running period, each focus area's KPIs with value, target, status (label
 * and symbol, never colour alone), what changed zone since the last digest, the pace lines of My targets, and
 * links into the product. Every text is already in the reader's language. Built from the dashboard answer
 * (kpi/dashboard.ts), so a digest never disagrees with the dashboard for the same scope and period.
 */
import type pg from 'pg'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import type { PeriodType } from '@kpi/domain/periods'
import type { Scope } from '@kpi/domain/scope'
import type { Status } from '@kpi/domain/status'
import type { Instant } from '@kpi/domain/time-zone'
import type { Locale } from '../kpi/kpi-card.ts'

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

export async function buildDigest(pool: pg.Pool, request: DigestRequest): Promise<DigestContent> {
  void pool
  void request
  throw new Error('buildDigest: not written yet (issue 20, part "content")')
}
