import { createTestDatabase } from '@kpi/db/testing/test-database'
import { expect, test } from 'vitest'
import { buildApp } from '../../app.ts'
import { testConfig, unreachableStore } from '../../testing/test-app.ts'

test('health is ok when the database answers', async () => {
  await using database = await createTestDatabase()
  const app = await buildApp({ config: testConfig(), store: database })
  try {
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', db: 'up' })
  } finally {
    await app.close()
  }
})

test('health is 503 degraded when the database does not answer', async () => {
  await using store = await unreachableStore()
  const app = await buildApp({ config: testConfig(), store })
  try {
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({
      status: 'degraded',
      db: 'down',
      message: expect.stringMatching(/^database unavailable: .*ECONNREFUSED/),
    })
  } finally {
    await app.close()
  }
})
