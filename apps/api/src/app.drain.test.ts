import { expect, test } from 'vitest'
import { buildApp } from './app.ts'
import { testConfig, unreachableStore } from './testing/test-app.ts'

// Graceful shutdown relies on fastify.close(): a request already being handled gets its answer, while the
// server stops taking new connections. Real listen, real HTTP; the slow request is released by the test.
test('close() lets an in-flight request finish and refuses new connections', async () => {
  await using store = await unreachableStore()
  const app = await buildApp({ config: testConfig(), store })
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  let arrived!: () => void
  const handlerStarted = new Promise<void>((resolve) => (arrived = resolve))
  app.get('/api/test/slow', async () => {
    arrived()
    await released
    return { done: true }
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }

  const inFlight = fetch(`http://127.0.0.1:${port}/api/test/slow`)
  await handlerStarted
  const closing = app.close()

  // Not listening any more: a new connection is refused while the old request is still open.
  await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow()

  release()
  const response = await inFlight
  expect(response.status).toBe(200)
  // …and tells the client to drop the socket, so close() need not wait out the keep-alive timeout.
  expect(response.headers.get('connection')).toBe('close')
  expect(await response.json()).toEqual({ done: true })
  await closing
})
