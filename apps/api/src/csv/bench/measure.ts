// Shared by the import benchmarks (import-bench.ts, kpi/testing/lead-facts.bench.ts): CPU time of this process and
// of a PostgreSQL cluster, and one real CSV import (parse, validate, upsert, audit) in its transaction. On a shared
// machine wall time says little; CPU time says what the import cost.
import { readdir, readFile } from 'node:fs/promises'
import type { PrismaClient } from '@kpi/db/generated/prisma/client'
import type pg from 'pg'
import type { Actor } from '../../records/actor.ts'
import type { Tenant } from '../../testing/seed-tenant.ts'
import { importInTransaction, validateImport, type ImportSink } from '../import.ts'
import type { Importer } from '../importer.ts'
import type { UpsertCounts } from '../upsert.db.ts'

const ticksPerSecond = 100 // USER_HZ on Linux

/** CPU seconds used so far by the postmaster `pid` and by each of its children (the backends), from /proc (Linux). */
export async function postgresCpuByProcess(pid: number): Promise<Map<number, number>> {
  const seconds = new Map<number, number>()
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields[1] = ppid, fields[11] = utime, fields[12] = stime (stat fields 4, 14, 15)
    if (Number(entry) === pid || Number(fields[1]) === pid)
      seconds.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / ticksPerSecond)
  }
  return seconds
}

/** CPU seconds used so far by the postmaster `pid` and its children (a backend that exits takes its share along). */
export async function postgresCpuSeconds(pid: number): Promise<number> {
  let total = 0
  for (const seconds of (await postgresCpuByProcess(pid)).values()) total += seconds
  return total
}

/**
 * CPU seconds between two `postgresCpuByProcess` samples: per process, so a backend that exited in between
 * (pool idle timeout) does not subtract its lifetime's CPU; one that started counts whole.
 */
export function cpuSecondsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0)
  return total
}

/** CPU seconds (user + system) used so far by this process. */
export function nodeCpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/** The seeded tenant's admin as the importing actor (admins may import every entity). */
export function adminActor(tenant: Tenant): Actor {
  return { id: tenant.admin.id, organizationId: tenant.organizationId, role: 'admin', teamId: null, managedTeamIds: [] }
}

/** The real run of one CSV import (all or nothing); throws with the first errors when the file has any. */
export async function importCsv(options: {
  prisma: PrismaClient
  pool: pg.Pool
  actor: Actor
  importer: Importer
  source: AsyncIterable<Buffer | string>
}): Promise<UpsertCounts> {
  const { prisma, pool, actor, importer, source } = options
  const validate = (sink: ImportSink) =>
    validateImport({
      pool,
      actor,
      importer,
      source,
      mapping: new Map(),
      timeZone: 'Europe/Amsterdam',
      maxBytes: 1 << 30,
      sink,
    })
  const outcome = await importInTransaction({ prisma, actor, importer, validate })
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.report.errors.slice(0, 3)))
  return outcome.counts
}
