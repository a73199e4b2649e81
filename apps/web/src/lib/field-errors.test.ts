import { describe, expect, test } from 'vitest'
import { apiFieldErrors, fieldName } from './field-errors.ts'
import { translate } from '../i18n/messages.ts'
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

describe("apiFieldErrors with words: the rule the API names, in the reader's language", () => {
  const dutch = { t: translate.bind(null, 'nl'), label: (name: string) => ({ name: 'Naam' })[name] ?? name }
  const refused = (body: Record<string, unknown>) =>
    new ApiError({ status: 400, error: 'validation_failed', message: 'Too small', field: 'body.name' }, body)

  test.each([
    { rule: 'too_small', params: { minimum: 2, origin: 'string' }, expected: 'Naam moet minstens 2 tekens hebben' },
    { rule: 'too_small', params: { minimum: 1, origin: 'string' }, expected: 'Naam moet minstens 1 teken hebben' },
    { rule: 'too_big', params: { maximum: 100, origin: 'number' }, expected: 'Naam mag hoogstens 100 zijn' },
    {
      rule: 'invalid_format',
      params: { format: 'email', origin: 'string' },
      expected: 'Naam moet een e-mailadres zijn',
    },
    { rule: 'invalid_type', params: { expected: 'string' }, expected: 'Naam ontbreekt of is ongeldig' },
    { rule: 'custom', params: undefined, expected: 'Too small' }, // no wording: the API's own message
  ])('$rule $params → "$expected"', ({ rule, params, expected }) => {
    const error = refused({ error: 'validation_failed', message: 'Too small', field: 'body.name', rule, params })
    expect(apiFieldErrors(error, dutch)).toEqual({ name: expected })
  })
})
