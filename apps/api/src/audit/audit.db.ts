import type { Prisma } from '@kpi/db/generated/prisma/client'

// Every admin change leaves an audit_log row written in the SAME transaction as the change: either both are
// there or neither. Pass the transaction client of `prisma.$transaction(async (tx) => ...)`.

/** Fields that must never reach the log, whatever entity they sit on. */
const SECRET_FIELDS = new Set(['passwordHash', 'password_hash', 'password'])

export type AuditEntry = {
  organizationId: number
  /** The signed-in user who made the change (request.user.id); null for system changes (import jobs, seeds). */
  actorId: number | null
  /** A verb in the past tense, `<entity>.<verb>`: 'user.created', 'team.updated', 'threshold.deleted'. */
  action: string
  /** The table-ish name of what changed: 'user', 'team', 'target', 'threshold', 'organization'. */
  entity: string
  entityId: string | number | bigint
  /** The entity as it was (null on create) and as it is (null on delete); secrets are dropped. */
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** JSON-safe copy without secret fields: Dates → ISO strings, Decimals/bigints → strings. */
export function auditSnapshot(value: Record<string, unknown> | null): Prisma.InputJsonObject | null {
  if (value === null) return null
  const json = JSON.stringify(value, (key, field: unknown) => {
    if (SECRET_FIELDS.has(key)) return undefined
    if (typeof field === 'bigint') return field.toString()
    return field
  })
  return JSON.parse(json) as Prisma.InputJsonObject
}

/** Writes one audit entry with the given transaction client. */
export async function writeAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  const before = auditSnapshot(entry.before)
  const after = auditSnapshot(entry.after)
  await tx.auditLog.create({
    data: {
      organizationId: entry.organizationId,
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      // Left out rather than null: a Json? column takes Prisma.DbNull for SQL NULL, and omitting it stores NULL.
      ...(before === null ? {} : { before }),
      ...(after === null ? {} : { after }),
    },
  })
}

/**
 * The same entry for code that writes with SQL (decision 20): pass the pg client of the caller's transaction.
 * Same snapshot, same secret filter as writeAudit.
 */
export async function writeAuditSql(
  client: { query: (text: string, values: unknown[]) => Promise<unknown> },
  entry: AuditEntry,
): Promise<void> {
  const json = (value: Record<string, unknown> | null) => {
    const snapshot = auditSnapshot(value)
    return snapshot === null ? null : JSON.stringify(snapshot)
  }
  await client.query(
    `INSERT INTO audit_log (organization_id, actor_id, action, entity, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [
      entry.organizationId,
      entry.actorId,
      entry.action,
      entry.entity,
      String(entry.entityId),
      json(entry.before),
      json(entry.after),
    ],
  )
}
