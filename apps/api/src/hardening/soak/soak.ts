import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import { loginAs, type Session } from '../../testing/login-as.ts'
import {
  apiPid,
  cleanUp,
  connectToProduct,
  freshDataDir,
  rssKiB,
  startProduct,
  waitForBase,
  type Product,
} from '../../testing/product-process.ts'
import { inspectorOf, memoryAfterGc, writeHeapSnapshot, type MemoryUsage } from './inspector.ts'

// Issue "Hardening" 1: sustained load against the product as `pnpm start` runs it, on a fresh embedded
// PostgreSQL with the demo organisation. `clients` concurrent clients, each signed in as the admin, a manager or
// a rep, loop for `durationMs` per round over a mix of dashboard reads, record writes and configuration edits.
// Bars: no 5xx, no connection error, no answer outside the expected ones (409 is expected for a stale config
// version), every acknowledged write is in the database afterwards (records by id and this run's external id,
// config edits by the audit row each one writes in its transaction), and no leak: after each round the load
// stops, a full GC is forced in the API (through its inspector, see inspector.ts) and its RSS and V8 heap used are
// read; after the last round both must be within 10 % of after the first. All rounds run after a warm-up round of
// the same mix (caches filling, the heap's high-water mark forming), reported but not compared. Used by
// `pnpm soak` (run.ts) and, shortened, by soak.test.ts.

export type SoakOptions = {
  clients: number
  durationMs: number
  rounds: number
  log?: (line: string) => void
  /** Write `round-<n>.heapsnapshot` here after each round (to diff in Chrome DevTools when memory grows). */
  heapSnapshotDir?: string
}

export const KINDS = ['dashboard', 'write', 'config'] as const
export type Kind = (typeof KINDS)[number]

export type KindStats = {
  requests: number
  /** status → count; 0 stands for "no answer" (connection reset, timeout). */
  statuses: Record<number, number>
  latenciesMs: number[]
}

export type RoundReport = {
  round: number
  byKind: Record<Kind, KindStats>
  /** RSS the instant the load stopped (reported only: it swings by ±10 % with uncollected garbage). */
  rssKiB: number
  /** The API's process.memoryUsage() after a forced full GC: what the leak bars compare. */
  afterGc: MemoryUsage
}

export type SoakReport = {
  options: Omit<SoakOptions, 'log' | 'heapSnapshotDir'>
  rounds: RoundReport[]
  writes: { acknowledged: number; found: number; byEntity: Record<string, { acknowledged: number; found: number }> }
  /** "GET /api/... → 500 …" for every answer outside the expected statuses (first 20 kept). */
  unexpected: string[]
  unexpectedCount: number
}

/** Answers a healthy API may give, per kind: 409 is a stale config version, not an error. */
const expectedStatuses: Record<Kind, number[]> = { dashboard: [200], write: [201], config: [200, 409] }

// A slow org-year dashboard on a saturated 2-core machine may take a while; an answer later than this is a failure.
const requestTimeoutMs = 120_000
const memoryTolerance = 0.1
// After the last client's answer: let what the API does after a response (logging, hooks) finish before the GC.
const settleMs = 1_000

type Actor = {
  session: Session
  role: 'admin' | 'manager' | 'rep'
  userId: number
  /** Reps this actor may write for and look at (own team for managers, everyone for the admin, self for reps). */
  repIds: number[]
  teamIds: number[]
}

type Threshold = { kpiKey: string; mode: string; greenFrom: number; orangeFrom: number; version: number | null }
type Target = {
  kpiKey: string
  scope: string
  periodType: string
  periodStart: string
  value: number
  version: number
}

type Run = {
  base: string
  tag: string
  counter: number
  acknowledged: Map<string, number[]>
  /** Config edits answered 200, per audit entity ('threshold', 'target'): each wrote one audit row. */
  configAcknowledged: Map<string, number>
  /** audit_log ids above this one were written during the run. */
  auditIdBefore: string
  thresholds: Map<string, Threshold>
  targets: Map<string, { current: Target; original: number }>
  unexpected: string[]
  unexpectedCount: number
  round: RoundReport
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!

function emptyRound(round: number): RoundReport {
  const byKind = {} as Record<Kind, KindStats>
  for (const kind of KINDS) byKind[kind] = { requests: 0, statuses: {}, latenciesMs: [] }
  return { round, byKind, rssKiB: 0, afterGc: { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 } }
}

/** One request, timed and tallied; returns the parsed JSON body (or undefined) and the status (0: no answer). */
async function call(
  run: Run,
  kind: Kind,
  actor: Actor,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { ...actor.session.headers }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const started = performance.now()
  let status = 0
  let json: unknown
  let detail: string
  try {
    const response = await fetch(`${run.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    })
    const text = await response.text()
    status = response.status
    detail = text.slice(0, 200)
    json = text.startsWith('{') ? JSON.parse(text) : undefined
  } catch (error) {
    detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  }
  const stats = run.round.byKind[kind]
  stats.requests++
  stats.statuses[status] = (stats.statuses[status] ?? 0) + 1
  stats.latenciesMs.push(performance.now() - started)
  if (!expectedStatuses[kind].includes(status)) {
    run.unexpectedCount++
    if (run.unexpected.length < 20) run.unexpected.push(`${method} ${path} as ${actor.role} → ${status} ${detail}`)
  }
  return { status, json }
}

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

async function readDashboard(run: Run, actor: Actor): Promise<void> {
  const scopes =
    actor.role === 'admin'
      ? ['org', `team:${pick(actor.teamIds)}`, `rep:${pick(actor.repIds)}`]
      : actor.role === 'manager'
        ? [`team:${pick(actor.teamIds)}`, `rep:${pick(actor.repIds)}`]
        : [`rep:${actor.userId}`]
  const query = new URLSearchParams({ scope: pick(scopes), period: pick(['week', 'month', 'quarter', 'year']) })
  // Today's period and one a year back (a closed period, other SQL plans and cache keys).
  if (Math.random() < 0.3) query.set('date', isoDaysAgo(365))
  await call(run, 'dashboard', actor, 'GET', `/api/dashboard?${query}`)
}

async function writeRecord(run: Run, actor: Actor): Promise<void> {
  const owner = pick(actor.repIds)
  const externalId = `SOAK-${run.tag}-${++run.counter}`
  const at = new Date(Date.now() - Math.floor(Math.random() * 30) * 86_400_000).toISOString()
  const entity = pick(['activities', 'leads', 'deals'] as const)
  const body =
    entity === 'activities'
      ? { externalId, type: pick(['CALL', 'MEETING', 'EMAIL']), userId: owner, occurredAt: at, notes: 'soak' }
      : entity === 'leads'
        ? { externalId, name: `Soak lead ${run.counter}`, channel: 'soak', ownerId: owner, createdAt: at }
        : {
            externalId,
            name: `Soak deal ${run.counter}`,
            ownerId: owner,
            type: 'NEW_BUSINESS',
            stage: 'Qualification',
            probability: 20,
            status: 'OPEN',
            amount: '1000.00',
            createdAt: at,
          }
  const { status, json } = await call(run, 'write', actor, 'POST', `/api/${entity}/`, body)
  // Only what the API acknowledged (201 with the new id) must be found again.
  const id = (json as { id?: unknown } | undefined)?.id
  if (status === 201 && typeof id === 'number') run.acknowledged.get(entity)!.push(id)
}

/** An admin edits a threshold or a target with the version it last saw; a 409 hands over the current one. */
async function editConfig(run: Run, actor: Actor): Promise<void> {
  if (Math.random() < 0.5 && run.thresholds.size > 0) {
    const seen = pick([...run.thresholds.values()])
    const { status, json } = await call(run, 'config', actor, 'PUT', `/api/thresholds/${seen.kpiKey}`, {
      mode: seen.mode,
      greenFrom: seen.greenFrom,
      orangeFrom: seen.orangeFrom,
      // One of two texts, not a fresh one per edit: Prisma compiles and keeps a query plan per distinct `data` of
      // threshold.updateMany (it does not parameterize the action lists nor the mode/number literals; an LRU of
      // 1000 plans, ~10 KiB each). Fresh texts would fill that cache through the measured rounds, +2 MiB of heap
      // per 60-s round, and read as a leak; two texts × 31 KPIs fill it during the warm-up.
      actions: { green: [], orange: [`soak ${run.tag} ${++run.counter % 2}`], red: [] },
      ...(seen.version === null ? {} : { version: seen.version }),
    })
    const now = status === 200 ? json : (json as { current?: unknown } | undefined)?.current
    if ((status === 200 || status === 409) && now) run.thresholds.set(seen.kpiKey, now as Threshold)
    if (status === 200) run.configAcknowledged.set('threshold', (run.configAcknowledged.get('threshold') ?? 0) + 1)
    return
  }
  if (run.targets.size === 0) return readDashboard(run, actor)
  const [key, seen] = pick([...run.targets.entries()])
  const { kpiKey, scope, periodType, periodStart, version } = seen.current
  // Alternate between the demo value and 1 % under it: always valid, always a change.
  const value = seen.current.value === seen.original ? Math.round(seen.original * 99) / 100 : seen.original
  const { status, json } = await call(run, 'config', actor, 'PUT', '/api/targets', {
    targets: [{ kpiKey, scope, periodType, periodStart, value, version }],
  })
  const now =
    status === 200
      ? (json as { targets: Target[] }).targets[0]
      : (json as { current?: Target | null } | undefined)?.current
  if ((status === 200 || status === 409) && now) seen.current = now
  run.targets.set(key, seen)
  if (status === 200) run.configAcknowledged.set('target', (run.configAcknowledged.get('target') ?? 0) + 1)
}

async function client(run: Run, actor: Actor, until: number): Promise<void> {
  while (Date.now() < until) {
    const dice = Math.random()
    if (actor.role === 'admin' && dice < 0.25) await editConfig(run, actor)
    else if (dice < 0.6) await readDashboard(run, actor)
    else await writeRecord(run, actor)
  }
}

type UserRow = { id: number; email: string; role: 'admin' | 'manager' | 'rep'; teamId: number | null; active: boolean }

/** Sessions for the admin (several), every manager and up to nine reps of the demo organisation. */
async function signIn(base: string, password: string): Promise<Actor[]> {
  const admin = await loginAs(base, 'admin@example.com', password)
  const { users } = (await (await fetch(`${base}/api/users`, { headers: admin.headers })).json()) as {
    users: UserRow[]
  }
  const active = users.filter((u) => u.active)
  const reps = active.filter((u) => u.role === 'rep' && u.teamId !== null)
  const teamIds = [...new Set(reps.map((r) => r.teamId!))]
  if (reps.length === 0) throw new Error('the demo organisation has no active reps to sign in as')
  const actors: Actor[] = []
  for (let i = 0; i < 4; i++) {
    const session = i === 0 ? admin : await loginAs(base, 'admin@example.com', password)
    actors.push({ session, role: 'admin', userId: session.user.id, repIds: reps.map((r) => r.id), teamIds })
  }
  for (const manager of active.filter((u) => u.role === 'manager')) {
    const session = await loginAs(base, manager.email, password)
    const me = (await (await fetch(`${base}/api/me`, { headers: session.headers })).json()) as {
      user: { managedTeams: { id: number }[] }
    }
    const managed = me.user.managedTeams.map((t) => t.id)
    const repIds = reps.filter((r) => managed.includes(r.teamId!)).map((r) => r.id)
    if (repIds.length > 0) actors.push({ session, role: 'manager', userId: manager.id, repIds, teamIds: managed })
  }
  for (const rep of reps.slice(0, 9)) {
    const session = await loginAs(base, rep.email, password)
    actors.push({ session, role: 'rep', userId: rep.id, repIds: [rep.id], teamIds: [rep.teamId!] })
  }
  return actors
}

/** The configuration the admin clients will edit: stored thresholds and this month's organisation targets. */
async function loadConfig(run: Run, admin: Actor): Promise<void> {
  const headers = admin.session.headers
  const { thresholds } = (await (await fetch(`${run.base}/api/thresholds`, { headers })).json()) as {
    thresholds: { kpiKey: string; orgDefault: Threshold | null }[]
  }
  for (const { kpiKey, orgDefault } of thresholds) if (orgDefault) run.thresholds.set(kpiKey, orgDefault)
  const { targets } = (await (await fetch(`${run.base}/api/targets?scope=org&period=month`, { headers })).json()) as {
    targets: Target[]
  }
  for (const target of targets.filter((t) => t.value >= 1).slice(-12))
    run.targets.set(`${target.kpiKey} ${target.periodStart}`, { current: target, original: target.value })
}

async function lastAuditId(dataDir: string): Promise<string> {
  const pool = await connectToProduct(dataDir, 1)
  try {
    const { rows } = await pool.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_log')
    return rows[0]!.id
  } finally {
    await pool.end()
  }
}

async function countBack(dataDir: string, run: Run): Promise<SoakReport['writes']> {
  const pool = await connectToProduct(dataDir, 1)
  try {
    const writes: SoakReport['writes'] = { acknowledged: 0, found: 0, byEntity: {} }
    for (const [entity, ids] of run.acknowledged) {
      // Acknowledged ids that exist with this run's external id: a lost write is one that is not there.
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${entity} WHERE id = ANY($1::int[]) AND external_id LIKE $2`,
        [ids, `SOAK-${run.tag}-%`],
      )
      writes.byEntity[entity] = { acknowledged: ids.length, found: rows[0]!.n }
      writes.acknowledged += ids.length
      writes.found += rows[0]!.n
    }
    // A config edit answered 200 wrote its audit row in the same transaction: one row per acknowledged edit.
    for (const [entity, acknowledged] of run.configAcknowledged) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE id > $1 AND entity = $2 AND action = ANY($3::text[])`,
        [run.auditIdBefore, entity, [`${entity}.created`, `${entity}.updated`]],
      )
      writes.byEntity[`${entity} edits`] = { acknowledged, found: rows[0]!.n }
      writes.acknowledged += acknowledged
      writes.found += rows[0]!.n
    }
    return writes
  } finally {
    await pool.end()
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {})
  const password = `soak-${randomBytes(6).toString('hex')}`
  const dataDir = await freshDataDir('kpi-soak-')
  let product: Product | undefined
  try {
    log(`starting the product (pnpm start's scripts/start.mjs) on ${dataDir} with the demo organisation…`)
    // The inspector on a free loopback port, in start.mjs and (NODE_OPTIONS is inherited) in the API.
    const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim()
    // The soak sends one organisation far more writes per minute than people make: its subject is memory and
    // latency, so the write limit is off (plugins/rate-limit.test.ts covers the limits).
    product = startProduct(dataDir, {
      DEMO_DATA: 'on',
      DEMO_PASSWORD: password,
      NODE_OPTIONS: nodeOptions,
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
    })
    const base = await waitForBase(product)
    const pid = apiPid(product)
    const inspector = await inspectorOf(product.output(), pid)
    const actors = await signIn(base, password)
    const run: Run = {
      base,
      tag: randomBytes(3).toString('hex'),
      counter: 0,
      acknowledged: new Map([
        ['activities', []],
        ['leads', []],
        ['deals', []],
      ]),
      configAcknowledged: new Map(),
      auditIdBefore: await lastAuditId(dataDir),
      thresholds: new Map(),
      targets: new Map(),
      unexpected: [],
      unexpectedCount: 0,
      round: emptyRound(0),
    }
    await loadConfig(run, actors[0]!)
    const idle = await memoryAfterGc(inspector)
    log(
      `API pid ${pid} at ${base}; ${actors.length} sessions (${actors.map((a) => a.role[0]).join('')}); ` +
        `${run.thresholds.size} thresholds and ${run.targets.size} targets to edit; ` +
        `before load, after GC: RSS ${mib(idle.rss)} MiB, heap used ${mib(idle.heapUsed)} MiB`,
    )

    // Round 0 warms up: the answer cache and the connection pools fill, V8 sizes its heap to the first burst of
    // concurrent clients, so a leak shows as growth *after* that. Its requests and writes still count for every
    // other bar.
    const rounds: RoundReport[] = []
    for (let round = 0; round <= options.rounds; round++) {
      run.round = emptyRound(round)
      const until = Date.now() + options.durationMs
      await Promise.all(
        Array.from({ length: options.clients }, (_, i) => client(run, actors[i % actors.length]!, until)),
      )
      run.round.rssKiB = await rssKiB(pid)
      await sleep(settleMs)
      run.round.afterGc = await memoryAfterGc(inspector)
      rounds.push(run.round)
      const total = KINDS.reduce((sum, kind) => sum + run.round.byKind[kind].requests, 0)
      const { rss, heapUsed } = run.round.afterGc
      log(
        `round ${round}: ${total} requests, RSS ${mib(run.round.rssKiB * 1024)} MiB, after GC RSS ${mib(rss)} MiB ` +
          `heap used ${mib(heapUsed)} MiB; unexpected so far ${run.unexpectedCount}`,
      )
      if (options.heapSnapshotDir) {
        const file = join(options.heapSnapshotDir, `round-${round}.heapsnapshot`)
        await writeHeapSnapshot(inspector, file)
        log(`heap snapshot: ${file}`)
      }
    }
    const writes = await countBack(dataDir, run)
    const { clients, durationMs } = options
    return {
      options: { clients, durationMs, rounds: options.rounds },
      rounds,
      writes,
      unexpected: run.unexpected,
      unexpectedCount: run.unexpectedCount,
    }
  } finally {
    if (product) {
      process.kill(product.pid, 'SIGTERM')
      await Promise.race([product.exited, sleep(60_000)])
    }
    await cleanUp(dataDir)
  }
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function count(stats: KindStats, test: (status: number) => boolean): number {
  return Object.entries(stats.statuses).reduce((sum, [status, n]) => sum + (test(Number(status)) ? n : 0), 0)
}

/** Every failed bar, in words; empty when the run passed. */
export function failedBars(report: SoakReport): string[] {
  const failed: string[] = []
  const all = report.rounds.flatMap((r) => KINDS.map((kind) => r.byKind[kind]))
  const serverErrors = all.reduce((sum, s) => sum + count(s, (status) => status >= 500), 0)
  const noAnswer = all.reduce((sum, s) => sum + count(s, (status) => status === 0), 0)
  if (serverErrors > 0) failed.push(`${serverErrors} answers were 5xx`)
  if (noAnswer > 0) failed.push(`${noAnswer} requests got no answer (connection error or timeout)`)
  if (report.unexpectedCount > serverErrors + noAnswer)
    failed.push(`${report.unexpectedCount - serverErrors - noAnswer} other unexpected answers`)
  const lost = report.writes.acknowledged - report.writes.found
  if (lost !== 0) failed.push(`${lost} acknowledged writes are missing from the database`)
  if (report.writes.acknowledged === 0) failed.push('no write was acknowledged: the run measured nothing')
  // Memory after a forced GC: the first measured round against the last (round 0, the warm-up, is not compared).
  const first = report.rounds.find((r) => r.round === 1)
  const last = report.rounds.at(-1)
  if (first && last && last !== first) {
    for (const [key, name] of [
      ['rss', 'RSS'],
      ['heapUsed', 'heap used'],
    ] as const) {
      if (last.afterGc[key] > first.afterGc[key] * (1 + memoryTolerance))
        failed.push(
          `${name} after GC grew from ${mib(first.afterGc[key])} MiB to ${mib(last.afterGc[key])} MiB ` +
            `(more than ${memoryTolerance * 100} %)`,
        )
    }
  }
  return failed
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  return rows.map((row) =>
    row.map((cell, i) => (i < 2 && cell !== '' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  )
}

const roundName = (round: number): string => (round === 0 ? 'warm-up' : String(round))

function change(from: number, to: number): string {
  const percent = ((to - from) / from) * 100
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %`
}

/** The report as fixed-width tables: one line per round and kind, then memory per round, writes and the trend. */
export function formatReport(report: SoakReport): string {
  const { clients, durationMs, rounds } = report.options
  const header = [
    'round',
    'kind',
    'requests',
    'req/s',
    '2xx',
    '409',
    'other 4xx',
    '5xx',
    'no answer',
    'p50 ms',
    'p95 ms',
  ]
  const rows: string[][] = [[...header, 'p99 ms']]
  for (const round of report.rounds) {
    for (const kind of KINDS) {
      const stats = round.byKind[kind]
      const sorted = [...stats.latenciesMs].sort((a, b) => a - b)
      const ms = (p: number) => (sorted.length === 0 ? '–' : percentile(sorted, p).toFixed(0))
      rows.push([
        roundName(round.round),
        kind,
        String(stats.requests),
        (stats.requests / (durationMs / 1000)).toFixed(1),
        String(count(stats, (s) => s >= 200 && s < 300)),
        String(count(stats, (s) => s === 409)),
        String(count(stats, (s) => s >= 400 && s < 500 && s !== 409)),
        String(count(stats, (s) => s >= 500)),
        String(count(stats, (s) => s === 0)),
        ms(50),
        ms(95),
        ms(99),
      ])
    }
  }
  // MiB; "at stop" is the instant sample, the rest is process.memoryUsage() after the forced GC.
  const memory: string[][] = [
    ['round', '', 'RSS at stop', 'RSS after GC', 'heap used', 'heap total', 'external', 'arrayBuffers'],
    ...report.rounds.map(({ round, rssKiB, afterGc: m }) => [
      roundName(round),
      '',
      mib(rssKiB * 1024),
      mib(m.rss),
      mib(m.heapUsed),
      mib(m.heapTotal),
      mib(m.external),
      mib(m.arrayBuffers),
    ]),
  ]
  const first = report.rounds.find((r) => r.round === 1)
  const last = report.rounds.at(-1)
  const trend =
    first && last && last !== first
      ? `after GC, round 1 → ${last.round}: RSS ${mib(first.afterGc.rss)} → ${mib(last.afterGc.rss)} MiB ` +
        `(${change(first.afterGc.rss, last.afterGc.rss)}), heap used ${mib(first.afterGc.heapUsed)} → ` +
        `${mib(last.afterGc.heapUsed)} MiB (${change(first.afterGc.heapUsed, last.afterGc.heapUsed)}); ` +
        `bars: ${memoryTolerance * 100} % each`
      : 'one measured round: no memory trend'
  const { writes } = report
  const perEntity = Object.entries(writes.byEntity)
    .map(([entity, w]) => `${entity} ${w.found}/${w.acknowledged}`)
    .join(', ')
  return [
    `soak: ${clients} clients × ${durationMs / 1000} s × ${rounds} rounds (after a warm-up round of the same mix)`,
    ...table(rows),
    `writes found in the database / acknowledged: ${writes.found}/${writes.acknowledged} (${perEntity})`,
    'API memory after each round (MiB):',
    ...table(memory),
    trend,
    ...report.unexpected.map((line) => `unexpected: ${line}`),
  ].join('\n')
}
