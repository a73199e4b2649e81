import { createTestDatabase } from '@kpi/db/testing/test-database'
import { expect, test } from 'vitest'
import { buildApp } from '../../app.ts'
import { csrfHeaders } from '../../testing/login-as.ts'
import { seedTenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

test('in production the cookies are Secure and responses carry HSTS', async () => {
  await using database = await createTestDatabase()
  const tenant = await seedTenant(database.pool)
  const app = await buildApp({ config: testConfig({ nodeEnv: 'production' }), store: database })
  try {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: csrfHeaders(),
      payload: { email: tenant.admin.email, password: tenant.password },
    })
    expect(response.statusCode).toBe(200)
    const lines = [response.headers['set-cookie']].flat() as string[]
    expect(lines).toHaveLength(2)
    for (const line of lines) expect(line).toMatch(/; Secure/)
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    const health = await app.inject({ method: 'GET', url: '/api/health' })
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
  } finally {
    await app.close()
  }
})
