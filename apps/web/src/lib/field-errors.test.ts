import { describe, expect, test } from 'vitest'
import { apiFieldErrors, fieldName } from './field-errors.ts'
import { ApiError } from './http.ts'

describe('fieldName', () => {
  test.each([
    { field: 'body.name', expected: 'name' },
    { field: 'body.actions.red.0', expected: 'actions' }, // a nested path lands on its top-level input
    { field: 'query.period', expected: 'period' },
    { field: 'timeZone', expected: 'timeZone' },
    { field: undefined, expected: undefined },
  ])('$field → $expected', ({ field, expected }) => {
    expect(fieldName(field)).toBe(expected)
  })
})

describe('apiFieldErrors', () => {
  test('an API error naming a field goes under that input', () => {
    const error = new ApiError({ status: 400, error: 'validation', message: 'too short', field: 'body.password' })
    expect(apiFieldErrors(error)).toEqual({ password: 'too short' })
  })

  test('one without a field, or any other failure, goes to the form as a whole', () => {
    expect(apiFieldErrors(new ApiError({ status: 500, error: 'internal', message: 'boom' }))).toEqual({ form: 'boom' })
    expect(apiFieldErrors(new TypeError('Failed to fetch'))).toEqual({ form: 'Failed to fetch' })
  })

  test('nothing failed: no errors', () => {
    expect(apiFieldErrors(null)).toEqual({})
  })
})
