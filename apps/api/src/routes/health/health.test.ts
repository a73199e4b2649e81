import { createServer, type AddressInfo, type Socket } from 'node:net'
import { createPool, createPrisma } from '@kpi/db/client'
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

test('health gives up after about a second when the database accepts but never answers', async () => {
  // A TCP server that takes the connection and then says nothing, like a hung or overloaded PostgreSQL.
  const silent = createServer((socket) => sockets.add(socket))
  const sockets = new Set<Socket>()
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  const { port } = silent.address() as AddressInfo
  const url = `postgres://nobody:nothing@127.0.0.1:${port}/none`
  const pool = createPool(url)
  const prisma = createPrisma(url)
  const app = await buildApp({ config: testConfig(), store: { pool, prisma } })
  try {
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({
      status: 'degraded',
      db: 'down',
      message: 'database unavailable: no answer within 1000 ms',
    })
  } finally {
    await app.close()
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => silent.close(() => resolve()))
    await Promise.allSettled([pool.end(), prisma.$disconnect()])
  }
})
