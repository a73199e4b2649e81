import type pg from 'pg'

/** True while the database holds no organisation: the first-run setup is still to be done. */
export async function isSetupNeeded(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ needed: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM organizations) AS needed')
  return rows[0]!.needed
}
