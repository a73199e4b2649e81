// CSV imports over HTTP into the benchmark database (issue 19: leads, activities and deals ≥ 20,000 rows/s). Each
// file is POSTed as text/csv to the running server (`/api/import/<entity>?dryRun=false`) after the server is quiet;
// rows/s is rows ÷ the time from sending the request to its 200. The rows carry an external id prefix and are deleted
// once the server has stopped (deleteImportedRows), so the benchmark database stays as built.
import type pg from 'pg'
import type { ServerProbe } from './import-reflect.ts'

export const IMPORT_PREFIX = 'bench-import-'

export async function deleteImportedRows(pool: pg.Pool): Promise<number> {
  let removed = 0
  // Activities first: they may point at the imported leads and deals.
  for (const table of ['activities', 'deals', 'leads']) {
    const result = await pool.query(`delete from ${table} where external_id like $1`, [`${IMPORT_PREFIX}%`])
    removed += result.rowCount ?? 0
    if (result.rowCount) await pool.query(`vacuum (analyze) ${table}`)
  }
  // The lead-facts triggers deleted the imported leads' rows of the side tables: their dead entries would slow the
  // next run's inserts of the same accounts (a unique check visits every one of them).
  if (removed) for (const table of ['lead_responses', 'lead_accounts']) await pool.query(`vacuum (analyze) ${table}`)
  return removed
}

type Entity = 'leads' | 'activities' | 'deals'

/** `rows` lines for the entity: this month's dates, owners round robin; activities on the imported leads. */
function csvFor(entity: Entity, rows: number, owners: readonly string[], stamp: string): string {
  // Within the last three days; `after` hours later (a lead qualified, a deal closed after it was created).
  const day = (i: number, after = 0) => new Date(Date.now() - ((i % 72) + 1 - after) * 3_600_000).toISOString()
  const lines: string[] = []
  if (entity === 'leads') {
    lines.push('externalId,name,account,channel,ownerEmail,createdAt,mqlAt')
    for (let i = 0; i < rows; i++)
      lines.push(
        `${IMPORT_PREFIX}${stamp}-${i},Lead ${i},Account ${i % 5000},${['website', 'referral', 'event', 'outbound'][i % 4]},${owners[i % owners.length]},${day(i)},${i % 3 === 0 ? day(i, 0.5) : ''}`,
      )
  } else if (entity === 'activities') {
    lines.push('externalId,type,userEmail,leadExternalId,occurredAt')
    for (let i = 0; i < rows; i++)
      lines.push(
        `${IMPORT_PREFIX}${stamp}-${i},${['CALL', 'EMAIL', 'MEETING'][i % 3]},${owners[i % owners.length]},${IMPORT_PREFIX}${stamp}-${i},${day(i)}`,
      )
  } else {
    lines.push('externalId,name,ownerEmail,type,stage,probability,status,amount,cost,createdAt,closedAt')
    for (let i = 0; i < rows; i++) {
      const won = i % 3 === 0
      lines.push(
        `${IMPORT_PREFIX}${stamp}-${i},Deal ${i},${owners[i % owners.length]},NEW_BUSINESS,${won ? 'Won' : 'Proposal'},${won ? 100 : 40},${won ? 'WON' : 'OPEN'},${((i % 5000) + 1) * 10}.50,,${day(i, -48)},${won ? day(i) : ''}`,
      )
    }
  }
  return lines.join('\n') + '\n'
}

export type ImportSpeed = {
  rows: number
  csvMb: number
  ms: number
  rowsPerSecond: number
  /** CPU seconds the API and PostgreSQL spent on the import (where the time goes). */
  cpuSeconds: { api: number; postgres: number }
}

/** One import's figures, and the rows/s of every round (the figures are the median round's). */
export type ImportResult = ImportSpeed & { rounds: number[] }

/**
 * Leads, then activities on those leads, then deals: `rows` each, one POST per file, `rounds` times (new external
 * ids each round). Each entity's figures are those of its median round: on this shared 2-core machine the same
 * import varied by a fifth from one run to the next; every round's rows/s is kept beside them.
 */
export async function measureImports(
  base: string,
  headers: Record<string, string>,
  owners: readonly string[],
  probe: ServerProbe,
  rows = 50_000,
  rounds = 3,
): Promise<Record<Entity, ImportResult>> {
  const runs: Record<Entity, ImportSpeed[]> = { leads: [], activities: [], deals: [] }
  for (let round = 0; round < rounds; round++) {
    const stamp = `${Date.now()}-${round}`
    for (const entity of ['leads', 'activities', 'deals'] as const) {
      const speed = await importOnce(base, headers, entity, csvFor(entity, rows, owners, stamp), rows, probe)
      console.log(`[bench] import ${entity} over HTTP, round ${round + 1}: ${JSON.stringify(speed)}`)
      runs[entity].push(speed)
    }
  }
  const median = (speeds: ImportSpeed[]): ImportResult => {
    const sorted = [...speeds].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond)
    return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, rounds: speeds.map((s) => s.rowsPerSecond) }
  }
  return { leads: median(runs.leads), activities: median(runs.activities), deals: median(runs.deals) }
}

async function importOnce(
  base: string,
  headers: Record<string, string>,
  entity: Entity,
  csv: string,
  rows: number,
  probe: ServerProbe,
): Promise<ImportSpeed> {
  await probe.waitForQuiet()
  const cpuSince = await probe.countCpu()
  const started = performance.now()
  const response = await fetch(`${base}/api/import/${entity}?dryRun=false`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: csv,
  })
  const body = await response.text()
  if (response.status !== 200) throw new Error(`import ${entity}: ${response.status} ${body.slice(0, 500)}`)
  const ms = performance.now() - started
  const cpu = await cpuSince()
  return {
    cpuSeconds: { api: Math.round(cpu.api * 10) / 10, postgres: Math.round(cpu.postgres * 10) / 10 },
    rows,
    csvMb: Math.round((csv.length / 2 ** 20) * 10) / 10,
    ms: Math.round(ms),
    rowsPerSecond: Math.round(rows / (ms / 1000)),
  }
}
