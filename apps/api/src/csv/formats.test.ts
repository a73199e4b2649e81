import { describe, expect, test } from 'vitest'
import { coerceCell } from './coerce.ts'
import { decideFormat, noVotes, readDate, readNumber, voteFormat } from './formats.ts'

function decide(cells: string[], delimiter = ',') {
  const votes = noVotes()
  voteFormat(votes, cells)
  return decideFormat(votes, delimiter)
}

describe('detection: every cell votes, only unambiguous spellings count', () => {
  test.each([
    { cells: ['4.500,00'], delimiter: ',', decimal: ',', thousands: '.' },
    { cells: ['1.234.567'], delimiter: ',', decimal: ',', thousands: '.' },
    { cells: ['12,5'], delimiter: ',', decimal: ',', thousands: '.' },
    { cells: ['4,500.00'], delimiter: ';', decimal: '.', thousands: ',' },
    { cells: ['1 234,50'], delimiter: ';', decimal: ',', thousands: ' ' },
    { cells: ['1\u00A0234,50'], delimiter: ';', decimal: ',', thousands: ' ' }, // no-break space
    { cells: ['1.234', '1,234'], delimiter: ';', decimal: ',', thousands: '.' }, // both ambiguous: a ';' file
    { cells: ['1.234', 'Acme'], delimiter: ',', decimal: '.', thousands: ',' }, // ambiguous: any other file
  ])('$cells in a "$delimiter" file → decimal $decimal, thousands "$thousands"', (c) => {
    expect(decide(c.cells, c.delimiter)).toMatchObject({ decimal: c.decimal, thousands: c.thousands })
  })

  test.each([
    { cells: ['03-04-2026', '15-03-2026'], delimiter: ',', dateOrder: 'DMY' }, // the day 15 decides
    { cells: ['15.03.2026 14:30'], delimiter: ',', dateOrder: 'DMY' },
    { cells: ['03/15/2026 2:30 PM'], delimiter: ';', dateOrder: 'MDY' }, // the month slot cannot be 15
    { cells: ['03/04/2026'], delimiter: ';', dateOrder: 'DMY' }, // undecided, a ';' file
    { cells: ['03/04/2026'], delimiter: ',', dateOrder: 'MDY' }, // undecided, any other file
    { cells: ['2026-03-15', '2026-03-16 09:00:00'], delimiter: ';', dateOrder: 'YMD' }, // only ISO seen
  ])('$cells in a "$delimiter" file → $dateOrder', (c) => {
    expect(decide(c.cells, c.delimiter).dateOrder).toBe(c.dateOrder)
  })
})

describe('reading by the format', () => {
  const dutch = { decimal: ',', thousands: '.' } as const
  const us = { decimal: '.', thousands: ',' } as const
  test.each([
    { text: '4.500,00', format: dutch, read: '4500.00' },
    { text: '1.234.567', format: dutch, read: '1234567' },
    { text: '12,5', format: dutch, read: '12.5' },
    { text: '-3,25', format: dutch, read: '-3.25' },
    { text: '4,500.00', format: us, read: '4500.00' },
    { text: '1234.5', format: us, read: '1234.5' },
    { text: '1\u00A0234,5', format: { decimal: ',', thousands: ' ' }, read: '1234.5' },
    { text: '4.50.0', format: dutch, read: undefined }, // not a number: the schema reports the cell
    { text: '4,500.00', format: dutch, read: undefined },
  ] as const)('$text → $read', ({ text, format, read }) => {
    expect(readNumber(text, format)).toBe(read)
  })

  test.each([
    { text: '15-03-2026', order: 'DMY', read: '2026-03-15' },
    { text: '5/3/2026', order: 'DMY', read: '2026-03-05' },
    { text: '15.03.2026 14:30', order: 'DMY', read: '2026-03-15T14:30:00' },
    { text: '03/15/2026', order: 'MDY', read: '2026-03-15' },
    { text: '03/15/2026 2:30 PM', order: 'MDY', read: '2026-03-15T14:30:00' },
    { text: '03/15/2026 12:05 AM', order: 'MDY', read: '2026-03-15T00:05:00' },
    { text: '2026-03-15', order: 'DMY', read: '2026-03-15' }, // ISO is always read
    { text: '2026-03-15 14:30:00', order: 'MDY', read: '2026-03-15T14:30:00' },
    { text: '15-03-2026', order: 'YMD', read: undefined },
  ] as const)('$text ($order) → $read', ({ text, order, read }) => {
    expect(readDate(text, order)).toBe(read)
  })

  test('coerceCell passes what does not read on unchanged, so the schema names it', () => {
    const format = { decimal: ',', thousands: '.', dateOrder: 'DMY' } as const
    expect(coerceCell('money', '4.500,00', format)).toBe('4500.00')
    expect(coerceCell('int', '1.250', format)).toBe(1250)
    expect(coerceCell('score', '7,5', format)).toBe(7.5)
    expect(coerceCell('money', 'veel', format)).toBe('veel')
    expect(coerceCell('instant', '15-03-2026', format)).toBe('2026-03-15') // a bare date stays a calendar date
    expect(coerceCell('instant', '15-03-2026 14:30', format)).toBe('2026-03-15T14:30:00')
    expect(coerceCell('instant', '2026-03-15T14:30:00+01:00', format)).toBe('2026-03-15T14:30:00+01:00')
    expect(coerceCell('date', '01-03-2026 00:00', format)).toBe('2026-03-01')
  })
})
