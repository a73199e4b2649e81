import { describe, expect, test } from 'vitest'
import { ApiError } from './http.ts'
import { createQueryClient } from './query-client.ts'

const apiError = (status: number) => new ApiError({ status, error: 'x', message: 'x' })

describe('query retry policy', () => {
  const retry = createQueryClient().getDefaultOptions().queries?.retry
  if (typeof retry !== 'function') throw new Error('retry should be a function')

  test.each([
    { failures: 0, error: apiError(404), expected: false }, // a 4xx will not fix itself
    { failures: 0, error: apiError(409), expected: false },
    { failures: 0, error: apiError(503), expected: true }, // a 5xx may be a restart
    { failures: 0, error: new TypeError('Failed to fetch'), expected: true }, // network blip
    { failures: 2, error: apiError(503), expected: false }, // at most 2 retries
  ])('after $failures failures with $error.message $error.status → $expected', ({ failures, error, expected }) => {
    expect(retry(failures, error)).toBe(expected)
  })
})
