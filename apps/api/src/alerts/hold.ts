import type pg from 'pg'
import { ALERTS_LOCK_KEY } from './detect.ts'

/** Second key of the hold's advisory lock (the first is ALERTS_LOCK_KEY); organisation ids are never 0. */
const HOLD_LOCK_ID = 0

/** Announces a new hold to every replica, so their running detections give up at once (data-changes.ts). */
export const HOLD_CHANNEL = 'kpi_alerts_hold'

/**
 * Takes the import hold for every replica: a shared advisory lock held by a connection of its own until `release`.
 * Shared, so imports never wait for each other; on the connection, so a crashed process lets go with it.
 */
export async function takeHold(pool: pg.Pool): Promise<() => Promise<void>> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock_shared($1, $2)', [ALERTS_LOCK_KEY, HOLD_LOCK_ID])
    await client.query('SELECT pg_notify($1, $2)', [HOLD_CHANNEL, 'held'])
  } catch (error) {
    client.release(error as Error)
    throw error
  }
  return async () => {
    try {
      await client.query('SELECT pg_advisory_unlock_shared($1, $2)', [ALERTS_LOCK_KEY, HOLD_LOCK_ID])
      client.release()
    } catch (error) {
      client.release(error as Error) // a dropped connection drops its lock too
    }
  }
}

/** True while any process holds detection off (an import is running somewhere). */
export async function isHeld(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ held: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 2
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS held`,
    [ALERTS_LOCK_KEY, HOLD_LOCK_ID],
  )
  return rows[0]?.held ?? false
}
