import { render, screen } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import type { KpiValue } from '@kpi/domain/value'
import { I18nProvider } from '../../i18n/i18n.tsx'
import type { Locale } from '../../i18n/format.ts'
import { KpiNotes } from './KpiNotes.tsx'

// Gross margin as the API answers it when won deals have no cost (decision 29): the detail counts them.
const margin = (unknownCost?: number): KpiValue => ({
  kind: 'value',
  value: 40,
  ...(unknownCost === undefined
    ? {}
    : { details: [{ key: 'unknown-cost', value: { kind: 'value', value: unknownCost } }] }),
})

const renderIn = (locale: Locale, value: KpiValue) =>
  render(
    <I18nProvider locale={locale}>
      <KpiNotes value={value} />
    </I18nProvider>,
  )

describe('KpiNotes', () => {
  test.each([
    ['en', 3, '3 won deals of unknown cost are left out of the margin until their cost is known'],
    ['en', 1, '1 won deal of unknown cost is left out of the margin until its cost is known'],
    ['nl', 3, '3 gewonnen deals met onbekende kosten tellen niet mee in de marge tot de kosten bekend zijn'],
    ['nl', 1, '1 gewonnen deal met onbekende kosten telt niet mee in de marge tot de kosten bekend zijn'],
  ] as const)('%s, %i of unknown cost', (locale, count, text) => {
    renderIn(locale, margin(count))
    expect(screen.getByRole('note').textContent).toBe(text)
  })

  test('says nothing when every cost is known', () => {
    renderIn('en', margin())
    expect(screen.queryByRole('note')).toBeNull()
  })
})
