import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import * as format from './format.ts'
import type { Locale } from './format.ts'
import { translate } from './messages.ts'
import type { MessageKey, MessageVars } from './messages.ts'

export const LOCALE_STORAGE_KEY = 'kpi_locale'

type I18nValue = { locale: Locale; setLocale: (locale: Locale) => void }

// Default to English without a provider so a component (e.g. Gauge in a test or story) renders on its own.
const I18nContext = createContext<I18nValue>({ locale: 'en', setLocale: () => {} })

/** The stored choice wins, then the browser's language, then English. */
export function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    if (stored === 'en' || stored === 'nl') return stored
  } catch {
    // Storage can throw in private modes; the browser language is a fine fallback.
  }
  return globalThis.navigator?.language?.toLowerCase().startsWith('nl') ? 'nl' : 'en'
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale())
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next)
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next)
    } catch {
      // Not persisting is acceptable; the switch still works for this visit.
    }
  }, [])
  useEffect(() => {
    // Screen readers pick their pronunciation from <html lang>.
    document.documentElement.lang = locale
  }, [locale])
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useLocale(): I18nValue {
  return useContext(I18nContext)
}

/** `t('gauge.target', { target: '€100,000' })` in the chosen locale. */
export function useT(): (key: MessageKey, vars?: MessageVars) => string {
  const { locale } = useContext(I18nContext)
  return useCallback((key: MessageKey, vars?: MessageVars) => translate(locale, key, vars), [locale])
}

/** The Intl formatters bound to the chosen locale. */
export function useFormat() {
  const { locale } = useContext(I18nContext)
  return useMemo(
    () => ({
      number: (value: number, maximumFractionDigits?: number) =>
        format.formatNumber(locale, value, maximumFractionDigits),
      money: (amount: number | `${number}`, currency: string) => format.formatMoney(locale, amount, currency),
      moneyCompact: (amount: number, currency: string) => format.formatMoneyCompact(locale, amount, currency),
      percent: (ratio: number, maximumFractionDigits?: number) =>
        format.formatPercent(locale, ratio, maximumFractionDigits),
      date: (date: Date | string, dateStyle?: format.DateStyle) => format.formatDate(locale, date, dateStyle),
    }),
    [locale],
  )
}

export type Formatters = ReturnType<typeof useFormat>
