import { describe, expect, test } from 'vitest'
import { KPI_LIST } from '@kpi/domain/kpis/registry'
import { withSoftHyphens } from './hyphenation.ts'

const SHY = '\u00ad'

describe('soft hyphens in long Dutch KPI names', () => {
  test.each([
    { name: 'Scoringspercentage', expected: `Scorings${SHY}percentage` },
    { name: 'Arbeidsefficiëntie', expected: `Arbeids${SHY}efficiëntie` },
    { name: 'Klantacquisitiekosten (CAC)', expected: `Klant${SHY}acquisitie${SHY}kosten (CAC)` },
  ])('$name', ({ name, expected }) => {
    expect(withSoftHyphens(name, 'nl')).toBe(expected)
    expect(withSoftHyphens(name, 'nl').replaceAll(SHY, '')).toBe(name) // invisible unless the line breaks there
  })

  test('English is left alone', () => {
    expect(withSoftHyphens('Scoringspercentage', 'en')).toBe('Scoringspercentage')
  })

  // A word longer than ~15 letters does not fit a 360 px phone's gauge title; each must have a break point.
  test.each(KPI_LIST.map((kpi) => ({ key: kpi.key, name: kpi.name.nl })))('$key: "$name" breaks', ({ name }) => {
    const words = withSoftHyphens(name, 'nl').split(/[\s-]/)
    const tooLong = words.filter((word) => word.split(SHY).some((part) => part.length > 15))
    expect(tooLong).toEqual([])
  })
})
