import type pg from 'pg'
import { hashPassword } from '../passwords.ts'
import { DEFAULT_DEMO_PASSWORD, DEMO_ACCOUNTS } from './accounts.ts'
import { generateDemoData } from './generate.ts'
import { DEMO } from './options.ts'
import type { DemoOptions } from './options.ts'
import { TABLE_ORDER } from './rows.ts'
import type { DemoBatch, DemoTable, TeamRow } from './rows.ts'

/** Row keys whose column has another name: money is generated in cents and stored as numeric currency units. */
const CENTS_COLUMNS: Record<string, string> = { amountCents: 'amount', costCents: 'cost' }

const toColumn = (key: string): string => CENTS_COLUMNS[key] ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** Exact decimal text for a whole number of cents (never through a float division). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

interface ColumnInfo {
  /** The SQL type to cast an unnest() parameter array to, e.g. int4[] or "DealType"[]. */
  arrayType: string
  isDate: boolean
  isArray: boolean
}

async function columnInfo(client: pg.PoolClient, table: DemoTable): Promise<Map<string, ColumnInfo>> {
  const { rows } = await client.query<{ column_name: string; data_type: string; udt_name: string }>(
    `SELECT column_name, data_type, udt_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  )
  return new Map(
    rows.map((c) => [
      c.column_name,
      {
        arrayType: c.data_type === 'USER-DEFINED' ? `"${c.udt_name}"[]` : `${c.udt_name}[]`,
        isDate: c.udt_name === 'date',
        isArray: c.data_type === 'ARRAY',
      },
    ]),
  )
}

function toParam(key: string, value: unknown, info: ColumnInfo): unknown {
  if (value === null || value === undefined) return null
  if (key in CENTS_COLUMNS) return centsToDecimal(value as number)
  if (value instanceof Date) return info.isDate ? value.toISOString().slice(0, 10) : value.toISOString()
  return value
}

/**
 * Inserts one batch: `INSERT … SELECT * FROM unnest($1::int4[], $2::text[], …)` sends one array per column, so
 * 10,000 rows cost one statement with a dozen parameters. Tables with array columns (threshold actions) use a
 * multi-row VALUES instead, because unnest() would flatten the nested arrays; they are small.
 * (COPY through pg-copy-streams was measured on 400 k BENCH rows: 28–44 s against 42–52 s on a loaded machine,
 * not enough to justify a dependency.)
 */
async function insertBatch(client: pg.PoolClient, batch: DemoBatch, columns: Map<string, ColumnInfo>): Promise<void> {
  const rows = batch.rows as unknown as Record<string, unknown>[]
  const first = rows[0]
  if (!first) return
  const keys = Object.keys(first)
  const infos = keys.map((key) => {
    const info = columns.get(toColumn(key))
    if (!info) throw new Error(`demo data: table ${batch.table} has no column ${toColumn(key)}`)
    return info
  })
  const columnList = keys.map((key) => `"${toColumn(key)}"`).join(', ')
  if (infos.some((info) => info.isArray)) {
    const params: unknown[] = []
    const tuples = rows.map(
      (row) =>
        `(${keys.map((key, i) => `$${params.push(toParam(key, row[key], infos[i] as ColumnInfo))}`).join(', ')})`,
    )
    await client.query(`INSERT INTO "${batch.table}" (${columnList}) VALUES ${tuples.join(', ')}`, params)
    return
  }
  const arrays = keys.map((key, i) => rows.map((row) => toParam(key, row[key], infos[i] as ColumnInfo)))
  const casts = infos.map((info, i) => `$${i + 1}::${info.arrayType}`).join(', ')
  await client.query(`INSERT INTO "${batch.table}" (${columnList}) SELECT * FROM unnest(${casts})`, arrays)
}

export type DemoLoadResult = { rows: Record<DemoTable, number>; durationMs: number }

/** Called after every inserted batch with the table and its row count so far (for a progress line). */
export type ProgressListener = (table: DemoTable, rowsSoFar: number) => void

export type LoadTuning = {
  onProgress?: ProgressListener
  /**
   * Drop the plain indexes of the big tables before inserting and rebuild them after: one sorted build per
   * index is far cheaper than millions of random index inserts. Default: on above 200 k expected leads (BENCH).
   * Measured on 6 months of BENCH (1.3 M rows, quiet machine): 45.5 s instead of 54.3 s.
   */
  deferIndexes?: boolean
}

/** The tables whose inserts the lead-facts triggers watch (20261126020000_lead_facts). */
const LEAD_FACTS_TRIGGERS = ['ALTER TABLE leads', 'ALTER TABLE activities'] as const
/** Where those triggers keep the facts (20261210010000_lead_facts_side_tables): filled at the end of a big load. */
const LEAD_FACT_TABLES = ['lead_responses', 'lead_accounts'] as const

const BIG_TABLES: readonly DemoTable[] = ['customers', 'leads', 'deals', 'activities', 'survey_responses']

/** Drops the indexes of `tables` that back no constraint (primary and unique keys stay) and returns their DDL. */
async function dropPlainIndexes(client: pg.PoolClient, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [tables],
  )
  for (const { name } of rows) await client.query(`DROP INDEX ${name}`)
  return rows.map((row) => row.definition)
}

/**
 * Generates the data set for `options` and inserts it, batch by batch, in one transaction: a failure leaves the
 * database as it was. Ids come from the generator, so the tables must be empty; sequences are moved past them
 * afterwards. Prefer loadDemoDataIfEmpty, which checks that first.
 */
export async function loadDemoData(
  pool: pg.Pool,
  options: DemoOptions,
  passwordHash: string,
  tuning: LoadTuning = {},
): Promise<DemoLoadResult> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query('BEGIN')
    const result = await loadInTransaction(client, options, passwordHash, tuning)
    await client.query('COMMIT')
    return result
  } catch (error) {
    // A failed ROLLBACK (the connection died) must not hide the error that caused it; the client is discarded.
    await client.query('ROLLBACK').catch(() => undefined)
    broken = true
    throw error
  } finally {
    client.release(broken)
  }
}

async function loadInTransaction(
  client: pg.PoolClient,
  options: DemoOptions,
  passwordHash: string,
  { onProgress, deferIndexes = options.leadsPerMonth * options.months > 200_000 }: LoadTuning,
): Promise<DemoLoadResult> {
  const startedAt = performance.now()
  // Only this transaction's own durability is relaxed: the demo can be regenerated, so a crash costs nothing.
  await client.query('SET LOCAL synchronous_commit = off')
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`)
  // The lead-fact tables are filled at the end (lead_facts_rebuild): their indexes are built after them too.
  const deferred = deferIndexes ? await dropPlainIndexes(client, [...BIG_TABLES, ...LEAD_FACT_TABLES]) : []
  // Without their indexes, the lead-facts triggers' per-lead probes would scan whole tables on every batch (issue
  // 19: 45 k leads in 12 minutes): off for the load, and the facts computed once, set-based, at the end.
  if (deferIndexes)
    for (const sql of LEAD_FACTS_TRIGGERS) await client.query(`${sql} DISABLE TRIGGER lead_facts_inserted`)
  const counts = Object.fromEntries(TABLE_ORDER.map((t) => [t, 0])) as Record<DemoTable, number>
  const columns = new Map<DemoTable, Map<string, ColumnInfo>>()
  const managers: TeamRow[] = []
  for (const batch of generateDemoData(options, passwordHash)) {
    let info = columns.get(batch.table)
    if (!info) columns.set(batch.table, (info = await columnInfo(client, batch.table)))
    if (batch.table === 'teams') {
      // teams.manager_id points at users, which point at teams: insert without the manager, set it below.
      managers.push(...batch.rows)
      await insertBatch(client, { table: 'teams', rows: batch.rows.map((t) => ({ ...t, managerId: null })) }, info)
    } else {
      await insertBatch(client, batch, info)
    }
    counts[batch.table] += batch.rows.length
    onProgress?.(batch.table, counts[batch.table])
  }
  await client.query(
    `UPDATE teams SET manager_id = v.manager_id
       FROM unnest($1::int4[], $2::int4[]) AS v(id, manager_id) WHERE teams.id = v.id`,
    [managers.map((t) => t.id), managers.map((t) => t.managerId)],
  )
  if (deferIndexes) {
    // ALWAYS, as every trigger of ours is: it fires under an import's replication role too (decision 44).
    for (const sql of LEAD_FACTS_TRIGGERS) await client.query(`${sql} ENABLE ALWAYS TRIGGER lead_facts_inserted`)
    await client.query('SELECT lead_facts_rebuild()')
  }
  for (const definition of deferred) await client.query(definition)
  for (const table of TABLE_ORDER) {
    if (counts[table] === 0) continue
    await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM "${table}"))`, [
      `"${table}"`,
    ])
  }
  // Fresh statistics: right after a bulk load the planner would assume every table is nearly empty and pick
  // organisation-wide index scans for per-row lookups (seen: an org dashboard at 8 s instead of 0.1 s).
  // ANALYZE may run inside the transaction; its statistics commit with the data.
  await client.query(
    `ANALYZE ${[...TABLE_ORDER.filter((table) => counts[table] > 0), ...(counts.leads > 0 ? LEAD_FACT_TABLES : [])]
      .map((t) => `"${t}"`)
      .join(', ')}`,
  )
  return { rows: counts, durationMs: Math.round(performance.now() - startedAt) }
}

export type DemoLoadIfEmptyOptions = {
  /** Plain-text password for every demo user; `demo1234` by default (the caller passes DEMO_PASSWORD). */
  password?: string
  seed?: number
  today?: Date
  /** Size and shape overrides; the DEMO preset otherwise. */
  preset?: Partial<Omit<DemoOptions, 'today'>>
} & LoadTuning

export type DemoLoadIfEmptyResult = {
  loaded: boolean
  accounts: { email: string; role: string }[]
  result?: DemoLoadResult
}

/** Serialises concurrent first starts: the second waits, then sees the data and does nothing. */
const DEMO_LOCK_ID = 72_707_370

/**
 * Loads the DEMO data set when — and only when — the database holds no organisation yet, so a first start gets
 * a realistic dashboard and a database with real data is never touched. Safe to call on every start.
 */
export async function loadDemoDataIfEmpty(
  pool: pg.Pool,
  options: DemoLoadIfEmptyOptions = {},
): Promise<DemoLoadIfEmptyResult> {
  const accounts = DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role }))
  const client = await pool.connect()
  let broken = false
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK_ID])
    const { rows } = await client.query('SELECT 1 FROM organizations LIMIT 1')
    if (rows.length > 0) {
      await client.query('ROLLBACK')
      return { loaded: false, accounts }
    }
    // One hash for every demo user: scrypt is deliberately slow, and these accounts share the password anyway.
    const passwordHash = await hashPassword(options.password ?? DEFAULT_DEMO_PASSWORD)
    const demoOptions: DemoOptions = {
      ...DEMO,
      ...options.preset,
      seed: options.seed ?? options.preset?.seed ?? DEMO.seed,
      today: options.today ?? new Date(),
    }
    const result = await loadInTransaction(client, demoOptions, passwordHash, options)
    await client.query('COMMIT')
    return { loaded: true, accounts, result }
  } catch (error) {
    // A failed ROLLBACK (the connection died) must not hide the error that caused it; the client is discarded.
    await client.query('ROLLBACK').catch(() => undefined)
    broken = true
    throw error
  } finally {
    client.release(broken)
  }
}
