import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { DATA_CHANGED_CHANNEL, listenForDataChanges } from './data-changes.ts'

// The change listener's connection is the one long-lived connection of a process: PostgreSQL restarts, fail-overs
// and shutdowns end it from the server side. Losing it must be logged and mended, never crash the process.

let db: TestDatabase
beforeEach(async () => {
  db = await createTestDatabase()
})
afterEach(async () => {
  await db[Symbol.asyncDispose]()
})

/**
 * What a PostgreSQL restart or fail-over does to every session of the pool: a FATAL message, then the socket
 * closes. From a connection of its own, so that no pooled connection is spared.
 */
async function terminatePoolSessions(): Promise<void> {
  const admin = new pg.Client({ connectionString: db.url })
  await admin.connect()
  try {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    )
  } finally {
    await admin.end()
  }
}

describe('change listener', () => {
  test('a connection ended by the server is logged once, given back once, and listened on again', async () => {
    const errors: string[] = []
    const changed: number[] = []
    let reconnected = 0
    const listener = listenForDataChanges(
      db.pool,
      { error: (_obj, message) => errors.push(message) },
      { changed: (id) => changed.push(id), held: () => {}, reconnected: () => (reconnected += 1) },
    )
    try {
      await listener.caughtUp()
      await terminatePoolSessions()
      await vi.waitFor(() => expect(reconnected, 'the listener came back').toBe(1), { timeout: 10_000, interval: 25 })
      expect(errors).toEqual(['alerts: change listener lost its connection'])

      await db.pool.query(`SELECT pg_notify('${DATA_CHANGED_CHANNEL}', '42')`)
      await listener.caughtUp()
      expect(changed).toEqual([42])
    } finally {
      await listener.close()
    }
  })
  test('after close, a server shutdown that ends the connection it gave back does not throw', async () => {
    const errors: string[] = []
    const listener = listenForDataChanges(
      db.pool,
      { error: (_obj, message) => errors.push(message) },
      { changed: () => {}, held: () => {}, reconnected: () => {} },
    )
    await listener.caughtUp()
    await listener.close()
    // The connection now idles in the pool, as at shutdown just before PostgreSQL stops.
    const uncaught: unknown[] = []
    const onUncaught = (error: unknown) => uncaught.push(error)
    process.on('uncaughtException', onUncaught)
    try {
      await terminatePoolSessions()
      await sleep(200)
    } finally {
      process.off('uncaughtException', onUncaught)
    }
    expect(uncaught).toEqual([])
    expect(errors).toEqual([])
  })
})
