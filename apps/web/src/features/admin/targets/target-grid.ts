import { nextPeriod, periodContaining } from '@kpi/domain/periods'
import type { PeriodSettings, PeriodType } from '@kpi/domain/periods'
import type { Locale } from '../../../i18n/format.ts'
import { shortPeriodLabel } from '../../../lib/figures/period-label.ts'
import type { Target } from '@kpi/contract/targets'

/** One grid cell: a scope's target for one period. */
export const cellKey = (scope: string, periodStart: string) => `${scope}|${periodStart}`

/**
 * The grid's columns: the period containing `from` and the `count − 1` after it (fiscal quarters/years per
 * settings), each labelled in words for the locale ("Jan 2026", "K1 2026").
 */
export function gridPeriods(from: string, type: PeriodType, count: number, settings: PeriodSettings, locale: Locale) {
  const periods = [periodContaining(from, type, settings)]
  while (periods.length < count) periods.push(nextPeriod(periods[periods.length - 1]!, settings))
  return periods.map((p) => ({ start: p.startDate, label: shortPeriodLabel(p, locale), end: p.endDate }))
}

export type Edit = { text: string; version: number | undefined }

/**
 * The PUT rows for the edited cells: a cell is sent only when its typed value differs from the stored one, with
 * the version the cell had when editing began (so someone else's save in between is a 409, not an overwrite).
 * Empty cells are skipped (the API has no "clear"; delete is per target). Returns the invalid cells as well.
 */
export function changedRows(options: {
  edits: ReadonlyMap<string, Edit>
  stored: ReadonlyMap<string, Target>
  kpiKey: string
  periodType: PeriodType
}) {
  const rows: {
    kpiKey: string
    scope: string
    periodType: PeriodType
    periodStart: string
    value: number
    version?: number
  }[] = []
  const invalid: string[] = []
  for (const [key, edit] of options.edits) {
    const text = edit.text.trim()
    if (text === '') continue
    const value = Number(text.replace(',', '.'))
    if (!Number.isFinite(value) || value < 0) {
      invalid.push(key)
      continue
    }
    const old = options.stored.get(key)
    if (old && old.value === value) continue
    const [scope, periodStart] = key.split('|') as [string, string]
    rows.push({
      kpiKey: options.kpiKey,
      scope,
      periodType: options.periodType,
      periodStart,
      value,
      ...(edit.version === undefined ? {} : { version: edit.version }),
    })
  }
  return { rows, invalid }
}
