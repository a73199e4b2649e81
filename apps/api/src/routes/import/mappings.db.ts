import { inTransaction } from '@kpi/db/transaction'
import type { ImportEntity, ImportMapping, SavedImportMapping } from '@kpi/contract/import'
import type pg from 'pg'
import { writeAuditSql } from '../../audit/audit.db.ts'
import type { Actor } from '../../records/actor.ts'

// Saved import mappings: one row per (organisation, entity, source), written with its audit entry.

export async function listMappings(
  pool: pg.Pool,
  organizationId: number,
  entity: ImportEntity,
): Promise<SavedImportMapping[]> {
  const { rows } = await pool.query<{ source: string; mapping: ImportMapping; updated_at: Date }>(
    `SELECT source, mapping, updated_at FROM import_mappings
      WHERE organization_id = $1 AND entity = $2 ORDER BY lower(source), source`,
    [organizationId, entity],
  )
  return rows.map((r) => ({ source: r.source, mapping: r.mapping, updatedAt: r.updated_at.toISOString() }))
}

export async function saveMapping(
  pool: pg.Pool,
  actor: Actor,
  entity: ImportEntity,
  source: string,
  mapping: ImportMapping,
): Promise<SavedImportMapping> {
  return inTransaction(pool, async (client) => {
    const { rows: before } = await client.query<{ mapping: ImportMapping }>(
      `SELECT mapping FROM import_mappings WHERE organization_id = $1 AND entity = $2 AND source = $3 FOR UPDATE`,
      [actor.organizationId, entity, source],
    )
    const { rows } = await client.query<{ updated_at: Date }>(
      `INSERT INTO import_mappings (organization_id, entity, source, mapping, updated_by_id)
       VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (organization_id, entity, source)
       DO UPDATE SET mapping = excluded.mapping, updated_by_id = excluded.updated_by_id, updated_at = now()
       RETURNING updated_at`,
      [actor.organizationId, entity, source, JSON.stringify(mapping), actor.id],
    )
    await writeAuditSql(client, {
      ...auditOf(actor, 'import_mapping.saved', entity, source),
      before: before[0] ? { mapping: before[0].mapping } : null,
      after: { mapping },
    })
    return { source, mapping, updatedAt: rows[0]!.updated_at.toISOString() }
  })
}

const auditOf = (actor: Actor, action: string, entity: ImportEntity, source: string) => ({
  organizationId: actor.organizationId,
  actorId: actor.id,
  action,
  entity: 'import_mapping',
  entityId: `${entity}/${source}`,
})

/** Deletes the saved mapping; false when there was none. */
export async function deleteMapping(pool: pg.Pool, actor: Actor, entity: ImportEntity, source: string) {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ mapping: ImportMapping }>(
      `DELETE FROM import_mappings WHERE organization_id = $1 AND entity = $2 AND source = $3 RETURNING mapping`,
      [actor.organizationId, entity, source],
    )
    if (!rows[0]) return false
    await writeAuditSql(client, {
      ...auditOf(actor, 'import_mapping.deleted', entity, source),
      before: { mapping: rows[0].mapping },
      after: null,
    })
    return true
  })
}

/** The person's own language setting (the fallback when Accept-Language names neither en nor nl). */
export async function userLocale(pool: pg.Pool, userId: number): Promise<string | null> {
  const { rows } = await pool.query<{ locale: string }>('SELECT locale FROM users WHERE id = $1', [userId])
  return rows[0]?.locale ?? null
}
