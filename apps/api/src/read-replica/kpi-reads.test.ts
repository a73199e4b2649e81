import { createPool } from '@kpi/db/client'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readDataVersion, type DataVersion } from '../kpi/answer-cache.ts'
import { unreachableStore } from '../testing/test-app.ts'
import { isReplicaTrouble, KpiReads, replicaHasReached } from './kpi-reads.ts'

// KpiReads on real PostgreSQL, without streaming: a copy of the primary's database taken at one data version stands
// for a replica whose replay stopped there (its version row can be moved by hand), a closed port for one that is
// down. read-replica.test.ts runs the real thing.

const at = (counter: bigint, changedAt = '2026-11-16T12:00:00.000Z'): DataVersion => ({ counter, changedAt })

describe('replicaHasReached', () => {
  test.each([
    { replica: at(7n), primary: at(7n), reached: true }, // the same version
    { replica: at(8n), primary: at(7n), reached: true }, // later writes: what the primary would read now too
    { replica: at(6n), primary: at(7n), reached: false }, // replay behind
    { replica: at(7n, '2026-11-15T09:00:00.000Z'), primary: at(7n), reached: false }, // same counter, other database
    { replica: at(0n, ''), primary: at(0n, ''), reached: false }, // never written: the organisation may be missing
  ])('replica $replica.counter vs primary $primary.counter: $reached', ({ replica, primary, reached }) => {
    expect(replicaHasReached(replica, primary)).toBe(reached)
  })
})

describe('isReplicaTrouble', () => {
  const pgError = (code: string) => Object.assign(new Error('x'), { code })
  test.each([
    { error: pgError('40001'), trouble: true }, // canceling statement due to conflict with recovery
    { error: pgError('57P01'), trouble: true }, // terminating connection due to administrator command
    { error: pgError('08006'), trouble: true }, // connection failure
    { error: pgError('53300'), trouble: true }, // too many connections
    { error: pgError('25006'), trouble: true }, // cannot execute INSERT in a read-only transaction
    { error: pgError('ECONNREFUSED'), trouble: true },
    { error: new Error('Connection terminated unexpectedly'), trouble: true },
    { error: pgError('42P01'), trouble: false }, // undefined table: a bug the primary has as well
    { error: new Error('not_found'), trouble: false },
  ])('$error.message ($error.code): $trouble', ({ error, trouble }) => {
    expect(isReplicaTrouble(error)).toBe(trouble)
  })
})

describe('KpiReads', () => {
  let primary: TestDatabase
  let primaryPool: pg.Pool
  let stale: TestDatabase
  let organizationId: number
  const setReplicaVersion = (version: DataVersion) =>
    stale.pool.query('UPDATE kpi_data_versions SET version = $2, changed_at = $3 WHERE organization_id = $1', [
      organizationId,
      version.counter.toString(),
      version.changedAt,
    ])
  /** Which pool a read was given: the stand-in replica or the primary. */
  const where = (pool: pg.Pool) => Promise.resolve(pool === stale.pool ? 'replica pool' : 'primary pool')

  beforeAll(async () => {
    primary = await createTestDatabase()
    const { rows } = await primary.pool.query<{ id: number }>(
      `INSERT INTO organizations (name, slug, updated_at) VALUES ('Org', 'org', now()) RETURNING id`,
    )
    organizationId = rows[0]!.id
    await primary.closeClients() // a template must have no connections
    stale = await createTestDatabase({ template: primary.name })
    primaryPool = createPool(primary.url)
    await primaryPool.query(`UPDATE organizations SET name = 'Org 2' WHERE id = $1`, [organizationId]) // version 2
  })
  afterAll(async () => {
    await primaryPool?.end()
    await stale?.[Symbol.asyncDispose]()
    await primary?.[Symbol.asyncDispose]()
  })

  test('reads the replica once it has the version, else the primary after waiting at most maxWaitMs', async () => {
    const reads = new KpiReads({ primary: primaryPool, replica: stale.pool, maxWaitMs: 60 })
    await setReplicaVersion(at(1n)) // behind the primary, whichever test ran before (they share the organisation)
    const version = await readDataVersion(primaryPool, organizationId)
    expect(version.counter).toBeGreaterThan(1n)

    const startedMs = Date.now()
    expect(await reads.read(organizationId, version, where)).toEqual({ value: 'primary pool', from: 'primary' })
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(55) // it waited for replay (timer granularity aside)

    await setReplicaVersion({ ...version, changedAt: '2026-01-01T00:00:00.000Z' }) // same counter, other history
    expect((await reads.read(organizationId, version, where)).from).toBe('primary')
    await setReplicaVersion(version) // replayed up to it
    expect(await reads.read(organizationId, version, where)).toEqual({ value: 'replica pool', from: 'replica' })
    await setReplicaVersion({ counter: version.counter + 1n, changedAt: new Date().toISOString() }) // and beyond
    expect((await reads.read(organizationId, version, where)).from).toBe('replica')
    expect(reads.counts).toEqual({ replica: 2, primaryBehind: 2, primaryAfterError: 0 })
  })

  test('a replica that replays while the request waits serves it', async () => {
    const reads = new KpiReads({ primary: primaryPool, replica: stale.pool, maxWaitMs: 2_000, pollMs: 5 })
    await setReplicaVersion(at(1n))
    await primaryPool.query(`UPDATE organizations SET name = 'Org 4' WHERE id = $1`, [organizationId])
    const version = await readDataVersion(primaryPool, organizationId)
    setTimeout(() => void setReplicaVersion(version), 50)
    expect((await reads.read(organizationId, version, where)).from).toBe('replica')
  })

  test('a replica that is down: the primary answers, and serves alone for restMs before the replica is tried again', async () => {
    await using down = await unreachableStore()
    const reads = new KpiReads({ primary: primaryPool, replica: down.pool, maxWaitMs: 100, restMs: 60_000 })
    const version = await readDataVersion(primaryPool, organizationId)
    let replicaReads = 0
    const read = (pool: pg.Pool) => {
      if (pool === down.pool) replicaReads++
      return where(pool)
    }
    expect(await reads.read(organizationId, version, read)).toEqual({ value: 'primary pool', from: 'primary' })
    expect(await reads.read(organizationId, version, read)).toEqual({ value: 'primary pool', from: 'primary' })
    expect(reads.counts).toEqual({ replica: 0, primaryBehind: 0, primaryAfterError: 2 })
    expect(replicaReads).toBe(0) // the version check failed first; the aggregates never went there
  })

  test('an error that is not the replica’s trouble is thrown, not hidden by a second try on the primary', async () => {
    const version = await readDataVersion(primaryPool, organizationId)
    await setReplicaVersion(version)
    const reads = new KpiReads({ primary: primaryPool, replica: stale.pool, maxWaitMs: 0 })
    let calls = 0
    const failing = async () => {
      calls++
      throw Object.assign(new Error('relation "nope" does not exist'), { code: '42P01' })
    }
    await expect(reads.read(organizationId, version, failing)).rejects.toThrow('nope')
    expect(calls).toBe(1)
  })

  test('without a replica, or for a version never written, the primary reads and nothing is counted', async () => {
    const alone = new KpiReads({ primary: primaryPool, replica: null, maxWaitMs: 250 })
    expect(alone.replicated).toBe(false)
    expect((await alone.read(organizationId, at(2n), where)).from).toBe('primary')
    const reads = new KpiReads({ primary: primaryPool, replica: stale.pool, maxWaitMs: 250 })
    expect((await reads.read(organizationId, at(0n, ''), where)).from).toBe('primary')
    expect([alone.counts, reads.counts]).toEqual([
      { replica: 0, primaryBehind: 0, primaryAfterError: 0 },
      { replica: 0, primaryBehind: 0, primaryAfterError: 0 },
    ])
  })
})
