// Dashboards while the organisation is written to (issue 19). A writer changes one record per second over HTTP,
// round robin: a call logged now on one of a rep's leads of the last 30 days, an open deal's amount, a recent lead
// qualified (MQL now) — what ~50 reps logging a call a minute produce. Meanwhile sequential dashboard requests, one
// at a time for `seconds` per scope, cycle through the five period types; every write makes the next answer of
// every view a miss of the answer cache. `missMs` times the first month answer after a write, with no other
// request in between (the view warmed first, then one write, then the request).
import type pg from 'pg'

export type WriteTargets = {
  /** Reps with their own leads of the last 30 days (a call is logged on one of them). */
  reps: { id: number; leadIds: number[] }[]
  openDealIds: number[]
  recentLeadIds: number[]
}

/** Ids the writer changes, read before the server starts (the server then owns the data directory). */
export async function writeTargets(pool: pg.Pool): Promise<WriteTargets> {
  const reps = await pool.query<{ id: number; lead_ids: number[] }>(
    `select u.id, array(select l.id from leads l where l.owner_id = u.id and l.created_at > now() - interval '30 days'
                        order by l.id desc limit 50) as lead_ids
       from users u where u.role = 'REP' and u.active order by u.id`,
  )
  const deals = await pool.query<{ id: number }>(
    `select id from deals where status = 'OPEN' order by created_at desc limit 500`,
  )
  const leads = await pool.query<{ id: number }>(
    `select id from leads where mql_at is null and created_at > now() - interval '30 days' order by id desc limit 500`,
  )
  return {
    reps: reps.rows.filter((r) => r.lead_ids.length > 0).map((r) => ({ id: r.id, leadIds: r.lead_ids })),
    openDealIds: deals.rows.map((r) => r.id),
    recentLeadIds: leads.rows.map((r) => r.id),
  }
}

type Headers = Record<string, string>

/** The calls the writer logs carry this external id prefix: deleteWrittenCalls removes them after a run. */
export const WRITE_PREFIX = 'bench-write-'

export async function deleteWrittenCalls(pool: pg.Pool): Promise<number> {
  const result = await pool.query(`delete from activities where external_id like $1`, [`${WRITE_PREFIX}%`])
  return result.rowCount ?? 0
}

/** One write of the mix; `n` picks which (round robin) and which record. */
async function writeOne(base: string, headers: Headers, targets: WriteTargets, n: number): Promise<void> {
  const json = { ...headers, 'content-type': 'application/json' }
  const kind = n % 3
  if (kind === 0) {
    const rep = targets.reps[n % targets.reps.length]!
    const body = {
      externalId: `${WRITE_PREFIX}${Date.now()}-${n}`,
      type: 'CALL',
      userId: rep.id,
      leadId: rep.leadIds[Math.floor(n / 3) % rep.leadIds.length],
      occurredAt: new Date().toISOString(),
    }
    const res = await fetch(`${base}/api/activities`, { method: 'POST', headers: json, body: JSON.stringify(body) })
    if (res.status !== 201) throw new Error(`POST activity: ${res.status} ${await res.text()}`)
    return
  }
  const [path, id] =
    kind === 1
      ? ['deals', targets.openDealIds[Math.floor(n / 3) % targets.openDealIds.length]!]
      : ['leads', targets.recentLeadIds[Math.floor(n / 3) % targets.recentLeadIds.length]!]
  const current = await fetch(`${base}/api/${path}/${id}`, { headers })
  if (current.status !== 200) throw new Error(`GET ${path}/${id}: ${current.status}`)
  const record = (await current.json()) as { version: number; amount?: string | null }
  const patch =
    kind === 1
      ? { version: record.version, amount: (Number(record.amount ?? 0) + 10).toFixed(2) }
      : { version: record.version, mqlAt: new Date().toISOString() }
  const res = await fetch(`${base}/api/${path}/${id}`, { method: 'PATCH', headers: json, body: JSON.stringify(patch) })
  // 409: someone else (never here) changed it first; anything else is a broken bench.
  if (res.status !== 200 && res.status !== 409)
    throw new Error(`PATCH ${path}/${id}: ${res.status} ${await res.text()}`)
}

/** Writes once per `everyMs` until stopped; returns how many writes were made and how many failed. */
export function startWriter(base: string, headers: Headers, targets: WriteTargets, everyMs = 1000) {
  let n = 0
  let failed = 0
  let lastError: string | undefined
  let stopped = false
  const loop = (async () => {
    let next = performance.now()
    while (!stopped) {
      try {
        await writeOne(base, headers, targets, n)
      } catch (error) {
        failed++
        lastError = String(error)
      }
      n++
      next += everyMs
      const wait = next - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    }
  })()
  return {
    async stop() {
      stopped = true
      await loop
      return { writes: n, failed, lastError }
    },
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
const round1 = (n: number) => Math.round(n * 10) / 10
export const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b)
  return { p50: round1(percentile(sorted, 50)), p95: round1(percentile(sorted, 95)), n: sorted.length } as {
    p50: number
    p95: number
    n: number
    max?: number
  }
}

export async function timedGet(url: string, headers: Headers): Promise<number> {
  const started = performance.now()
  const res = await fetch(url, { headers })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
  return performance.now() - started
}

export type ScopeCase = { name: string; query: string }
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const

/**
 * Sequential dashboard requests while the writer writes: `seconds` for each scope and period (one view read at a time,
 * as a person reads a dashboard), then per scope the figures over all its periods and per period.
 */
export async function measureUnderWrites(
  base: string,
  headers: Headers,
  targets: WriteTargets,
  scopes: readonly ScopeCase[],
  seconds: number,
) {
  // Warm every view once: the first answer of a view (no finished span cached yet) is not what a working day sees.
  for (const s of scopes)
    for (const period of PERIODS) await timedGet(`${base}/api/dashboard?scope=${s.query}&period=${period}`, headers)
  const writer = startWriter(base, headers, targets)
  const result: Record<string, unknown> = { writesPerSecond: 1, secondsPerView: seconds }
  try {
    for (const s of scopes) {
      const all: number[] = []
      const byPeriod: Record<string, ReturnType<typeof summary>> = {}
      for (const period of PERIODS) {
        const times: number[] = []
        const until = performance.now() + seconds * 1000
        while (performance.now() < until)
          times.push(await timedGet(`${base}/api/dashboard?scope=${s.query}&period=${period}`, headers))
        all.push(...times)
        byPeriod[period] = { ...summary(times), max: round1(Math.max(...times)) }
      }
      result[s.name] = { ...summary(all), byPeriod }
      console.log(`[bench] under writes ${s.name}: ${JSON.stringify(result[s.name])}`)
    }
  } finally {
    result.writer = await writer.stop()
  }
  return result
}

/** The first month answer after a write, `repeat` times per scope (the three kinds in turn): median and max (ms). */
export async function measureMisses(
  base: string,
  headers: Headers,
  targets: WriteTargets,
  scopes: readonly ScopeCase[],
  repeat = 9,
) {
  let n = 9_000 // a multiple of 3: the writes go round the mix (a call, a deal's amount, a lead qualified)
  const missMs: Record<string, number> = {}
  const detail: Record<string, { median: number; max: number; all: number[] }> = {}
  for (const s of scopes) {
    const url = `${base}/api/dashboard?scope=${s.query}&period=month`
    const times: number[] = []
    for (let i = 0; i < repeat; i++) {
      await timedGet(url, headers) // warm: this version's answer cached
      await writeOne(base, headers, targets, n++)
      times.push(await timedGet(url, headers))
    }
    const sorted = [...times].sort((a, b) => a - b)
    missMs[s.name] = round1(percentile(sorted, 50))
    detail[s.name] = { median: missMs[s.name]!, max: round1(sorted.at(-1)!), all: times.map(round1) }
    console.log(`[bench] miss after a write ${s.name} month: ${JSON.stringify(detail[s.name])}`)
  }
  return { missMs, detail }
}
