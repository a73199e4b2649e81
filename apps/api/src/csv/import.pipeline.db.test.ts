import { Readable } from 'node:stream'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { STEP_ASIDE_ROWS, validateImport, type ImportSink } from './import.ts'
import { importers } from './importers.ts'
import { BATCH_ROWS, FIRST_BATCH_ROWS } from './upsert.db.ts'

// How validateImport hands batches to the real run's sink: small first, in file order, and never more than two
// waiting on the database (the one being written and the next, queued behind it on the same connection).

let db: TestDatabase
let tenant: Tenant
beforeAll(async () => {
  db = await createTestDatabase()
  tenant = await seedTenant(db.pool)
})
afterAll(async () => {
  await db[Symbol.asyncDispose]()
})

function dealsCsv(rows: number): string {
  const owner = tenant.teams[0].reps[0].email
  const lines = ['externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt']
  for (let i = 0; i < rows; i++) lines.push(`P-${i},Deal ${i},${owner},UPSELL,Proposal,40,OPEN,${i}.00,2026-01-05`)
  return lines.join('\n') + '\n'
}

function run(
  rows: number,
  sink: ImportSink,
  source: AsyncIterable<Buffer> = Readable.from([Buffer.from(dealsCsv(rows))]),
) {
  return validateImport({
    pool: db.pool,
    actor: {
      id: tenant.admin.id,
      organizationId: tenant.organizationId,
      role: 'admin',
      teamId: null,
      managedTeamIds: [],
    },
    importer: importers.deals,
    source,
    mapping: new Map(),
    timeZone: 'Europe/Amsterdam',
    maxBytes: 1 << 30,
    sink,
  })
}

/**
 * A slow database without clocks: each write finishes only when the next batch is handed over (or, for the last
 * batch of `rows`, at once), so two are pending whenever validateImport lets them be. Write `failAt` fails;
 * writes after a failure finish at once (the real transaction would refuse them too).
 */
function slowSink(rows: number, failAt?: number) {
  const seen: { size: number; first: unknown }[] = []
  let pending = 0
  let maxPending = 0
  let handed = 0
  let failed = false
  let releasePrevious: (() => void) | undefined
  const sink: ImportSink = async (values) => {
    const call = seen.length
    seen.push({ size: values.length, first: values[0]![0] })
    handed += values.length
    pending += 1
    maxPending = Math.max(maxPending, pending)
    releasePrevious?.()
    releasePrevious = undefined
    if (!failed && handed < rows) await new Promise<void>((resolve) => (releasePrevious = resolve))
    pending -= 1
    if (call === failAt) {
      failed = true
      // the write queued behind this one (set by its own call meanwhile: TypeScript cannot see that assignment)
      ;(releasePrevious as (() => void) | undefined)?.()
      throw new Error(`write ${call} failed`)
    }
  }
  return { sink, seen, pending: () => pending, maxPending: () => maxPending }
}

describe('validateImport → sink', () => {
  test('batches grow from FIRST_BATCH_ROWS to BATCH_ROWS, in file order, at most two in flight', async () => {
    const rows = 3 * BATCH_ROWS
    const { sink, seen, pending, maxPending } = slowSink(rows)
    const report = await run(rows, sink)
    expect(report).toMatchObject({ rows, valid: rows, errorCount: 0 })
    const sizes = seen.map((s) => s.size)
    expect(sizes[0]).toBe(FIRST_BATCH_ROWS)
    expect(
      sizes.every((size, i) => i === 0 || size === Math.min(sizes[i - 1]! * 2, BATCH_ROWS) || i === sizes.length - 1),
    ).toBe(true)
    expect(sizes.reduce((a, b) => a + b)).toBe(rows)
    // Each batch starts where the previous one ended: externalId is the first column.
    let next = 0
    for (const { size, first } of seen) {
      expect(first).toBe(`P-${next}`)
      next += size
    }
    expect(maxPending()).toBe(2)
    expect(pending()).toBe(0)
  })

  test('while a batch is written, parsing steps aside for I/O: the write’s answer is read within STEP_ASIDE_ROWS rows', async () => {
    // A database client sends a transaction's next statement only once this process reads the previous answer.
    // The upload is in memory (no I/O of its own): each write's answer comes on the next turn of the event loop, and
    // `lag` is how many rows further the parsing got before that turn came.
    const rows = 3 * BATCH_ROWS
    const lines = dealsCsv(rows).split('\n')
    const CHUNK = 50
    let pulled = 0
    async function* source() {
      for (let i = 0; i < lines.length; i += CHUNK) {
        pulled = Math.min(i + CHUNK, lines.length - 1) - 1
        yield Buffer.from(lines.slice(i, i + CHUNK).join('\n') + (i + CHUNK < lines.length ? '\n' : ''))
      }
    }
    let handed = 0
    const lags: number[] = []
    const sink: ImportSink = async (values) => {
      handed += values.length
      const at = handed
      await new Promise<void>((resolve) => setImmediate(resolve))
      lags.push(Math.max(0, pulled - at))
    }
    const report = await run(rows, sink, source())
    expect(report).toMatchObject({ rows, valid: rows, errorCount: 0 })
    expect(lags.length).toBeGreaterThan(3)
    // Without stepping aside the answer waited for the next batch's reference lookups: thousands of rows later.
    // (The first is left out: the reader reads the first 1000 records ahead to sniff the format.)
    for (const lag of lags.slice(1)) expect(lag).toBeLessThanOrEqual(STEP_ASIDE_ROWS + CHUNK)
  })

  test('a failed write rejects the import, after the write queued behind it has settled', async () => {
    const rows = 3 * BATCH_ROWS
    const { sink, seen, pending } = slowSink(rows, 1)
    await expect(run(rows, sink)).rejects.toThrow('write 1 failed')
    expect(seen.length).toBeGreaterThanOrEqual(2)
    // Nothing still running on the connection when the caller rolls back.
    expect(pending()).toBe(0)
  })
})
