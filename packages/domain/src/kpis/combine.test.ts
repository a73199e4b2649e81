import { describe, expect, test } from 'vitest'
import { combineParts, medianOfSorted } from './combine.ts'

describe('combining the parts of a span', () => {
  test('the median of a union of sorted parts is percentile_cont(0.5) of all values', () => {
    expect(medianOfSorted([[1, 5], [2], [9, 10]])).toBe(5) // 1 2 5 9 10
    expect(
      medianOfSorted([
        [1, 5],
        [2, 9],
      ]),
    ).toBe(3.5) // 1 2 5 9: 2 + (5 − 2) × 0.5
    expect(medianOfSorted([[], [7]])).toBe(7)
    expect(medianOfSorted([[], []])).toBeNull()
    expect(medianOfSorted([[-3, -1], [4]])).toBe(-1)
    // Many equal values across parts.
    expect(
      medianOfSorted([
        [4, 4, 4],
        [4, 4],
        [1, 100],
      ]),
    ).toBe(4)
    expect(() => medianOfSorted([[1.5]])).toThrow(RangeError)
  })

  test('counts and sums add up, per channel and per deal type; the leads median comes from the union', () => {
    expect(
      combineParts('activities', [
        { calls: 1, meetings: 2, proposals: 0, emails: 3 },
        { calls: 4, meetings: 0, proposals: 1, emails: 0 },
      ]),
    ).toEqual({ calls: 5, meetings: 2, proposals: 1, emails: 3 })
    const lead = (created: number, byChannel: Record<string, number>, responses: number[]) => ({
      aggregate: {
        created,
        createdByChannel: byChannel,
        newAccounts: 1,
        qualified: 0,
        mqlCohort: 2,
        mqlCohortConverted: 1,
        createdConverted: 0,
        responded: responses.length,
        medianResponseHours: null,
      },
      responsesMs: responses,
    })
    expect(
      combineParts('leads', [lead(2, { web: 2 }, [3_600_000]), lead(3, { web: 1, event: 2 }, [7_200_000, 10_800_000])]),
    ).toEqual({
      created: 5,
      createdByChannel: { web: 3, event: 2 },
      newAccounts: 2,
      qualified: 0,
      mqlCohort: 4,
      mqlCohortConverted: 2,
      createdConverted: 0,
      responded: 3,
      medianResponseHours: 2,
    })
  })
})
