import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ApiError } from '../../lib/http.ts'
import { startTestApi } from '../../test/test-api.ts'
import type { TestApi } from '../../test/test-api.ts'
import { sendVersioned } from './versioned-http.ts'

const Row = z.object({ id: z.number(), name: z.string(), version: z.number() })

// Each path answers one of the bodies the API sends to a write: saved, stale (with the row now, or null when it
// was deleted), a plain conflict (a taken name), and a stale answer whose row has drifted from the schema.
let api: TestApi
beforeAll(async () => {
  const stale = (current: unknown) => ({
    status: 409,
    body: { error: 'version_conflict', message: 'changed', field: 'body.version', current },
  })
  api = await startTestApi(({ path }) => {
    if (path === '/saved') return { status: 200, body: { id: 1, name: 'North', version: 2 } }
    if (path === '/stale') return stale({ id: 1, name: 'South', version: 3 })
    if (path === '/deleted') return stale(null)
    if (path === '/drifted') return stale({ id: 1, title: 'South' })
    return { status: 409, body: { error: 'conflict', message: 'a team with this name exists', field: 'body.name' } }
  })
})
afterAll(() => api.close())

describe('sendVersioned', () => {
  test('a saved write answers the parsed body', async () => {
    expect(await sendVersioned('PATCH', '/saved', { version: 1 }, Row)).toEqual({
      kind: 'saved',
      data: { id: 1, name: 'North', version: 2 },
    })
  })

  test('a stale write answers the conflict with the row as stored now, or null when it is gone', async () => {
    expect(await sendVersioned('PATCH', '/stale', { version: 1 }, Row)).toEqual({
      kind: 'conflict',
      message: 'changed',
      current: { id: 1, name: 'South', version: 3 },
    })
    expect(await sendVersioned('PATCH', '/deleted', { version: 1 }, Row)).toMatchObject({ current: null })
  })

  test('a 409 that is not about versions, or a drifted row, throws instead of passing as a conflict', async () => {
    const taken = await sendVersioned('PATCH', '/taken', { version: 1 }, Row).catch((e: unknown) => e)
    expect(taken).toBeInstanceOf(ApiError)
    expect(taken).toMatchObject({ status: 409, error: 'conflict', field: 'body.name' })
    const drifted = await sendVersioned('PATCH', '/drifted', { version: 1 }, Row).catch((e: unknown) => e)
    expect(drifted).toMatchObject({ status: 409, error: 'invalid_response' })
  })
})
