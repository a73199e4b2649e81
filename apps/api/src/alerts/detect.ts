import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { parseScope } from '@kpi/domain/scope'
import { instantMs, localDateOf, type Instant } from '@kpi/domain/time-zone'
import { DATA_VERSION_COLUMNS, DATA_VERSION_JOIN, dataVersionFrom, type DataVersionRow } from '../kpi/answer-cache.ts'
import { DB_PERIOD_TYPE } from '../kpi/settings.db.ts'
import type { AppStore } from '../plugins/store.ts'
import { observeStatuses, type Observation } from './observe.ts'
import { loadAudience } from './recipients.ts'
import { statusChangedPayload } from './webhook-payload.ts'
import { loadScopeTree } from './webhook-scope.ts'

/** First key of the two-int advisory lock; the second is the organisation id. Any constant no one else uses. */
export const ALERTS_LOCK_KEY = 0x6b706961 // 'kpia'

/** Only colours are compared: no-data, no-target and not-started say nothing about how a KPI is doing (see KpiStatus). */
const COLOURS = new Set(['green', 'orange', 'red'])

export type StatusChange = Observation & { from: string; eventId: string }
export type DetectionResult = {
  /** True when nothing the statuses depend on moved since the last detection (see `detectionInputs`). */
  skipped: boolean
  observed: number
  changes: StatusChange[]
  notifications: number
  deliveries: number
}

/**
 * However still the data, a detection runs again after this long: a record dated ahead of the moment it was
 * written (a meeting booked for tomorrow) enters a running period without any write, and so without a new version.
 */
export const REFRESH_AFTER_MS = 60 * 60_000

/**
 * Re-evaluates every watched KPI status of one organisation (observe.ts), compares each colour with the last
 * known one in kpi_statuses, and for every change writes — in one transaction — the new status, a notification
 * per user who may view the scope, and a webhook delivery per active webhook whose scope covers the change
 * (webhook-scope.ts). The first colour a KPI ever shows for a scope is recorded without a notice (nothing changed
 * yet).
 *
 * Serialised per organisation across API replicas by a transaction-level advisory lock held while observing:
 * a second replica waits and then compares against the first one's result, so a change is announced once.
 *
 * Skipped (nothing read, nothing written) when the organisation's data version and local date are those of the
 * last detection and that one is less than `refreshAfterMs` old: the statuses could not have changed. This is
 * what keeps the 5-minute run, on every replica and at start, from recomputing every scope of a quiet database.
 */
export async function detectStatusChanges(
  store: Pick<AppStore, 'pool'>,
  {
    organizationId,
    now,
    signal,
    refreshAfterMs = REFRESH_AFTER_MS,
  }: { organizationId: number; now: Instant; signal?: AbortSignal; refreshAfterMs?: number },
): Promise<DetectionResult> {
  const client = await store.pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [ALERTS_LOCK_KEY, organizationId])
    // Read before observing: a write that lands meanwhile leaves the stored version behind, so the next run redoes it.
    const inputs = await detectionInputs(client, organizationId, now)
    if (inputs.unchangedSince(refreshAfterMs)) {
      await client.query('COMMIT')
      return { skipped: true, observed: 0, changes: [], notifications: 0, deliveries: 0 }
    }
    const observations = (await observeStatuses(store.pool, organizationId, now, signal)).filter((o) =>
      COLOURS.has(o.status),
    )
    const { rows } = await client.query<{ scope_key: string; kpi_key: string; period_type: string; status: string }>(
      'SELECT scope_key, kpi_key, period_type::text, status FROM kpi_statuses WHERE organization_id = $1',
      [organizationId],
    )
    const known = new Map(rows.map((r) => [`${r.scope_key} ${r.kpi_key} ${r.period_type}`, r.status]))
    const changes: StatusChange[] = []
    const toWrite: Observation[] = []
    for (const o of observations) {
      const before = known.get(`${o.scopeKey} ${o.kpiKey} ${DB_PERIOD_TYPE[o.periodType]}`)
      if (before === o.status) continue
      toWrite.push(o)
      if (before !== undefined) changes.push({ ...o, from: before, eventId: randomUUID() })
    }
    await client.query(
      `INSERT INTO kpi_statuses (organization_id, scope_key, kpi_key, period_type, status, value, updated_at)
       SELECT $1, s, k, p::"PeriodType", st, v, $7
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[]) AS t(s, k, p, st, v)
       ON CONFLICT (organization_id, scope_key, kpi_key, period_type)
       DO UPDATE SET status = excluded.status, value = excluded.value, updated_at = excluded.updated_at`,
      [
        organizationId,
        toWrite.map((o) => o.scopeKey),
        toWrite.map((o) => o.kpiKey),
        toWrite.map((o) => DB_PERIOD_TYPE[o.periodType]),
        toWrite.map((o) => o.status),
        toWrite.map((o) => o.value),
        now,
      ],
    )
    const written =
      changes.length === 0 ? { notifications: 0, deliveries: 0 } : await announce(client, organizationId, changes, now)
    await client.query(
      `INSERT INTO alert_detections (organization_id, data_version, data_changed_at, local_date, detected_at)
       VALUES ($1, $2, $3, $4::date, $5)
       ON CONFLICT (organization_id) DO UPDATE SET data_version = excluded.data_version,
         data_changed_at = excluded.data_changed_at, local_date = excluded.local_date, detected_at = excluded.detected_at`,
      [organizationId, inputs.version.counter, inputs.version.changedAt || null, inputs.localDate, now],
    )
    await client.query('COMMIT')
    return { skipped: false, observed: observations.length, changes, ...written }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

type Client = pg.PoolClient

/**
 * What an organisation's statuses depend on besides the time of day: its data version (bumped by every write to a
 * table the KPIs read, settings, targets and thresholds included) and its local date (pace counts working days;
 * periods roll over) — now, and at its last detection.
 */
async function detectionInputs(client: Client, organizationId: number, now: Instant) {
  const { rows } = await client.query<
    DataVersionRow & {
      time_zone: string
      last_version: string | null
      last_changed_at: Date | null
      last_date: string | null
      detected_at: Date | null
    }
  >(
    `SELECT org.time_zone, ${DATA_VERSION_COLUMNS}, d.data_version::text AS last_version,
            d.data_changed_at AS last_changed_at, to_char(d.local_date, 'YYYY-MM-DD') AS last_date, d.detected_at
       FROM organizations org ${DATA_VERSION_JOIN}
       LEFT JOIN alert_detections d ON d.organization_id = org.id
      WHERE org.id = $1`,
    [organizationId],
  )
  const row = rows[0]
  const version = dataVersionFrom(row)
  const localDate = row ? localDateOf(now, row.time_zone) : null
  return {
    version,
    localDate,
    unchangedSince(refreshAfterMs: number): boolean {
      if (!row?.detected_at || row.last_version === null) return false
      const age = instantMs(now) - row.detected_at.getTime()
      return (
        BigInt(row.last_version) === version.counter &&
        (row.last_changed_at?.toISOString() ?? '') === version.changedAt &&
        row.last_date === localDate &&
        age >= 0 &&
        age < refreshAfterMs
      )
    },
  }
}

async function announce(client: Client, organizationId: number, changes: StatusChange[], now: Instant) {
  const audience = await loadAudience(client, organizationId)
  const rows = changes.flatMap((c) => audience.recipientsOf(parseScope(c.scopeKey)!).map((userId) => ({ userId, c })))
  await client.query(
    `INSERT INTO notifications (organization_id, user_id, kpi_key, scope_key, period_type, period_label, period_start,
                                from_status, to_status, value, created_at)
     SELECT $1, u, k, s, p::"PeriodType", l, d::date, f, t, v, $11
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::float8[]) AS x(u, k, s, p, l, d, f, t, v)`,
    [
      organizationId,
      rows.map((r) => r.userId),
      rows.map((r) => r.c.kpiKey),
      rows.map((r) => r.c.scopeKey),
      rows.map((r) => DB_PERIOD_TYPE[r.c.periodType]),
      rows.map((r) => r.c.periodLabel),
      rows.map((r) => r.c.periodStart),
      rows.map((r) => r.c.from),
      rows.map((r) => r.c.status),
      rows.map((r) => r.c.value),
      now,
    ],
  )
  const hooks = await client.query<{ id: number; scope_key: string | null }>(
    'SELECT id, scope_key FROM webhooks WHERE organization_id = $1 AND active ORDER BY id',
    [organizationId],
  )
  // A webhook with a scope hears only about that scope and what is inside it (a team's channel, its reps).
  const tree = hooks.rows.some((h) => h.scope_key !== null) ? await loadScopeTree(client, organizationId) : null
  const deliveries = hooks.rows.flatMap((h) =>
    changes.filter((c) => tree?.covers(h.scope_key, c.scopeKey) ?? true).map((c) => ({ webhookId: h.id, c })),
  )
  await client.query(
    `INSERT INTO webhook_deliveries (webhook_id, event_id, payload, next_attempt_at, created_at)
     SELECT w, e, p, $4, $4 FROM unnest($1::int[], $2::text[], $3::jsonb[]) AS x(w, e, p)`,
    [
      deliveries.map((d) => d.webhookId),
      deliveries.map((d) => d.c.eventId),
      deliveries.map((d) => JSON.stringify(statusChangedPayload(organizationId, d.c, now))),
      now,
    ],
  )
  return { notifications: rows.length, deliveries: deliveries.length }
}
