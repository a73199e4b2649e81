import { KPIS } from '@kpi/domain/kpis/registry'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import type { Locale } from '../kpi/kpi-card.ts'

const COLOUR_WORDS: Record<string, { en: string; nl: string }> = {
  green: { en: 'green', nl: 'groen' },
  orange: { en: 'orange', nl: 'oranje' },
  red: { en: 'red', nl: 'rood' },
}

/**
 * "Won revenue for Team North turned red — December 2026" / "Gewonnen omzet voor Team North is rood geworden —
 * week 49". The colour word is always written out: colour alone is never the only signal (SPEC, accessibility).
 * The period is named because the same change is watched per month and per week: two notices, each saying which.
 */
export function notificationText(
  kpiKey: string,
  scopeName: string,
  to: string,
  period: { type: string; label: string; startDate: string },
  locale: Locale,
): string {
  const kpi = KPIS[kpiKey as KpiKey] as (typeof KPIS)[KpiKey] | undefined
  const name = kpi?.name[locale] ?? kpiKey
  const colour = COLOUR_WORDS[to]?.[locale] ?? to
  const change =
    locale === 'nl' ? `${name} voor ${scopeName} is ${colour} geworden` : `${name} for ${scopeName} turned ${colour}`
  return `${change} — ${periodWords(period, locale)}`
}

/**
 * The period as a notice names it: "December 2026" / "december 2026", "week 49" (the ISO week, as people say it
 * in both languages), otherwise the language-neutral label ("2026-Q4", "2026-12-04").
 */
export function periodWords(period: { type: string; label: string; startDate: string }, locale: Locale): string {
  const week = /^\d{4}-W(\d{2})$/.exec(period.label)
  if (period.type === 'week' && week) return `week ${Number(week[1])}`
  if (period.type !== 'month') return period.label
  const [year, month] = period.startDate.split('-').map(Number) as [number, number]
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, 15)))
}

/** Where the web app shows the KPI in depth, for that scope and period. */
export function notificationLink(kpiKey: string, scopeKey: string, periodType: string, periodStart: string): string {
  const query = new URLSearchParams({ scope: scopeKey, period: periodType, date: periodStart })
  return `/kpi/${encodeURIComponent(kpiKey)}?${query.toString()}`
}
