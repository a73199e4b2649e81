import { KPIS } from '@kpi/domain/kpis/registry'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import type { Locale } from '../kpi/kpi-card.ts'

const COLOUR_WORDS: Record<string, { en: string; nl: string }> = {
  green: { en: 'green', nl: 'groen' },
  orange: { en: 'orange', nl: 'oranje' },
  red: { en: 'red', nl: 'rood' },
}

/**
 * "Won revenue for Team North turned red" / "Gewonnen omzet voor Team North is rood geworden". The colour word
 * is always written out: colour alone is never the only signal (SPEC, accessibility).
 */
export function notificationText(kpiKey: string, scopeName: string, to: string, locale: Locale): string {
  const kpi = KPIS[kpiKey as KpiKey] as (typeof KPIS)[KpiKey] | undefined
  const name = kpi?.name[locale] ?? kpiKey
  const colour = COLOUR_WORDS[to]?.[locale] ?? to
  return locale === 'nl'
    ? `${name} voor ${scopeName} is ${colour} geworden`
    : `${name} for ${scopeName} turned ${colour}`
}

/** Where the web app shows the KPI in depth, for that scope and period. */
export function notificationLink(kpiKey: string, scopeKey: string, periodType: string, periodStart: string): string {
  const query = new URLSearchParams({ scope: scopeKey, period: periodType, date: periodStart })
  return `/kpi/${encodeURIComponent(kpiKey)}?${query.toString()}`
}
