/**
 * Formatting KPI values per unit and locale ('en' | 'nl') with Intl. No value prints as "—" and its
 * reason has a label of its own (SPEC 3: "—", with the reason).
 *
 * Exports: Locale, LOCALES, formatNumber, formatKpiValue, NO_VALUE_TEXT, NO_VALUE_REASON_LABELS.
 */
import type { FormatSpec, Localized, Unit } from './kpis/define-kpi.ts'
import type { KpiValue, NoValueReason } from './value.ts'

export const LOCALES = ['en', 'nl'] as const
export type Locale = (typeof LOCALES)[number]

export const NO_VALUE_TEXT = '—'

export const NO_VALUE_REASON_LABELS: Record<NoValueReason, Localized> = {
  'zero-denominator': { en: 'Nothing to divide by in this period', nl: 'Niets om door te delen in deze periode' },
  'no-data': { en: 'No data in this period', nl: 'Geen gegevens in deze periode' },
  'no-target': { en: 'No target set', nl: 'Geen doel ingesteld' },
  'target-met': { en: 'Target already met', nl: 'Doel al gehaald' },
  'period-too-short': {
    en: 'Costs are monthly: pick a month or longer',
    nl: 'Kosten zijn per maand: kies een maand of langer',
  },
  'unsupported-scope': { en: 'Not available for this selection', nl: 'Niet beschikbaar voor deze selectie' },
  'not-applicable': { en: 'Does not apply to this KPI', nl: 'Niet van toepassing op deze KPI' },
}

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' }

const cache = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], options)
    cache.set(key, f)
  }
  return f
}

const SUFFIX: Partial<Record<Unit, Localized>> = {
  days: { en: ' days', nl: ' dagen' },
  hours: { en: ' h', nl: ' u' },
  ratio: { en: '×', nl: '×' },
}

/**
 * A number in the KPI's unit as text: 1234 → "1,234" / "1.234"; percent 42.5 → "42.5%" / "42,5%";
 * money → "€1,234" / "€ 1.234" (currency per organisation); days/hours with a unit word; ratio "1.8×";
 * score signed "+32"; scale "3.75".
 */
export function formatNumber(value: number, unit: Unit, spec: FormatSpec, locale: Locale, currency = 'EUR'): string {
  const base: Intl.NumberFormatOptions = {
    maximumFractionDigits: spec.maximumFractionDigits,
    minimumFractionDigits: 0,
    ...(spec.signed ? { signDisplay: 'exceptZero' as const } : {}),
  }
  switch (unit) {
    case 'percent':
      return numberFormat(locale, { ...base, style: 'percent' }).format(value / 100)
    case 'money':
      // Cents are shown in full or not at all: "€37.50", never "€37.5".
      return numberFormat(locale, {
        ...base,
        style: 'currency',
        currency,
        minimumFractionDigits: spec.maximumFractionDigits,
      }).format(value)
    case 'scale':
      return numberFormat(locale, { ...base, minimumFractionDigits: Math.min(2, spec.maximumFractionDigits) }).format(
        value,
      )
    default:
      return numberFormat(locale, base).format(value) + (SUFFIX[unit]?.[locale] ?? '')
  }
}

/** The headline text of a KPI value: the formatted number, or "—" when there is no value. */
export function formatKpiValue(
  value: KpiValue,
  kpi: { unit: Unit; format: FormatSpec },
  locale: Locale,
  currency = 'EUR',
): string {
  return value.kind === 'none' ? NO_VALUE_TEXT : formatNumber(value.value, kpi.unit, kpi.format, locale, currency)
}
