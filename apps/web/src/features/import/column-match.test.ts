import { describe, expect, test } from 'vitest'
import { parseHeaderLine, similarity, suggestMapping } from './column-match.ts'

describe('parseHeaderLine', () => {
  test('quoted headers, doubled quotes, a BOM and CRLF', () => {
    expect(parseHeaderLine('\uFEFFexternalId,"Deal ""amount""",Closed At\r\n1,2,3')).toEqual([
      'externalId',
      'Deal "amount"',
      'Closed At',
    ])
  })
})

describe('similarity', () => {
  test.each([
    { header: 'closed_at', field: 'closedAt', expected: 1 }, // both normalize to "closedat"
    { header: 'Deal amount', field: 'amount', expected: 0.9 }, // "dealamount" contains "amount"
    { header: 'stage', field: 'stag', expected: 0.9 }, // "stage" contains "stag"
    { header: 'owner', field: 'other', expected: 0.6 }, // distance 2 (w→t, n→h) over 5 letters: 1 − 2/5
  ])('$header ~ $field = $expected', ({ header, field, expected }) => {
    expect(similarity(header, field)).toBeCloseTo(expected, 10)
  })
})

describe('suggestMapping', () => {
  test('each field once, the best pair wins, unrelated headers stay unmapped', () => {
    const fields = ['externalId', 'amount', 'stage', 'closedAt', 'ownerEmail']
    expect(suggestMapping(['External ID', 'Amount', 'Deal amount', 'Stage', 'Notes', 'owner_email'], fields)).toEqual({
      'External ID': 'externalId',
      Amount: 'amount', // exact (1) beats "Deal amount" (0.9)
      'Deal amount': null, // amount already taken
      Stage: 'stage',
      Notes: null, // nothing reaches 0.6
      owner_email: 'ownerEmail',
    })
  })
})
