// Import through the running server and the time until the dashboard reflects it (SPEC 6). N won deals closed
// today (so this month's won revenue must move) are POSTed as one text/csv import over HTTP; we then poll the
// org-month dashboard until its won revenue has grown by exactly their sum. The rows are deleted afterwards
// (by external id prefix, once the server has stopped) so the benchmark database stays as built.
import type pg from 'pg'

export const REFLECT_PREFIX = 'bench-reflect-'

/** Deletes the deals a previous measurement imported (also after a cut-off run). */
export async function deleteReflectRows(pool: pg.Pool): Promise<number> {
  const result = await pool.query(`delete from deals where external_id like $1`, [`${REFLECT_PREFIX}%`])
  // 200 k dead rows and their index entries per run: without this the next runs would read a bloated table.
  if (result.rowCount) await pool.query('vacuum (analyze) deals')
  return result.rowCount ?? 0
}

/** Active reps' emails: the owners of the imported deals. */
export async function repEmails(pool: pg.Pool): Promise<string[]> {
  const result = await pool.query<{ email: string }>(
    `select email from users where role = 'REP' and active order by id`,
  )
  return result.rows.map((r) => r.email)
}

export type ImportReflect = {
  rows: number
  csvMb: number
  importMs: number
  rowsPerSecond: number
  /** From the import's 200 to the first dashboard answer that includes it. */
  reflectMs: number
  polls: number
  /** How long the server needed to become quiet before the import (see waitForQuiet). */
  quietAfterMs: number
  /** CPU seconds the API and PostgreSQL spent during the import (the request, until its 200). */
  cpuSeconds: { api: number; postgres: number }
}

/** The benchmark's hooks into the running server: wait for it to be idle, read its CPU time. */
export type ServerProbe = {
  waitForQuiet: () => Promise<number>
  /** Starts counting; the returned function gives the CPU seconds used since. */
  countCpu: () => Promise<() => Promise<{ api: number; postgres: number }>>
}

type Card = { key: string; value: { kind: string; value?: number } }
type DashboardAnswer = { focusAreas: { kpis: Card[] }[] }

async function wonRevenue(base: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${base}/api/dashboard?scope=org&period=month`, { headers })
  if (response.status !== 200) throw new Error(`dashboard: ${response.status} ${await response.text()}`)
  const answer = (await response.json()) as DashboardAnswer
  const card = answer.focusAreas.flatMap((a) => a.kpis).find((k) => k.key === 'revenue.won')
  if (!card) throw new Error('revenue.won is not on the org dashboard')
  return card.value.kind === 'value' ? card.value.value! : 0
}

export async function measureImportReflect(
  base: string,
  headers: Record<string, string>,
  owners: readonly string[],
  probe: ServerProbe,
  rows = 200_000,
): Promise<ImportReflect> {
  const prefix = `${REFLECT_PREFIX}${Date.now()}-`
  const closedAt = new Date(Date.now() - 60_000).toISOString()
  const createdAt = new Date(Date.now() - 30 * 86_400_000).toISOString()
  const lines = ['externalId,name,ownerEmail,type,stage,probability,status,amount,cost,createdAt,closedAt']
  let addedCents = 0
  for (let i = 0; i < rows; i++) {
    const cents = ((i % 5000) + 1) * 100 + 25
    addedCents += cents
    lines.push(
      `${prefix}${i},Bench deal ${i},${owners[i % owners.length]},NEW_BUSINESS,Won,100,WON,${(cents / 100).toFixed(2)},0.00,${createdAt},${closedAt}`,
    )
  }
  const csv = lines.join('\n') + '\n'
  const before = await wonRevenue(base, headers)
  const quietAfterMs = await probe.waitForQuiet()
  const cpuSince = await probe.countCpu()
  const started = performance.now()
  const response = await fetch(`${base}/api/import/deals?dryRun=false`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: csv,
  })
  const body = await response.text()
  if (response.status !== 200) throw new Error(`import: ${response.status} ${body.slice(0, 500)}`)
  const imported = performance.now()
  const cpu = await cpuSince()
  let polls = 0
  const expected = before + addedCents / 100
  for (;;) {
    polls++
    const now = await wonRevenue(base, headers)
    if (Math.abs(now - expected) < 0.005) break
    if (performance.now() - imported > 120_000) throw new Error(`dashboard still shows ${now}, expected ${expected}`)
  }
  const reflected = performance.now()
  const importMs = imported - started
  return {
    rows,
    csvMb: Math.round((csv.length / 2 ** 20) * 10) / 10,
    importMs: Math.round(importMs),
    rowsPerSecond: Math.round(rows / (importMs / 1000)),
    reflectMs: Math.round(reflected - imported),
    polls,
    quietAfterMs,
    cpuSeconds: {
      api: Math.round(cpu.api * 10) / 10,
      postgres: Math.round(cpu.postgres * 10) / 10,
    },
  }
}
