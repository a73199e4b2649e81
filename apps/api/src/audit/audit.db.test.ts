import { createTestDatabase } from '@kpi/db/testing/test-database'
import { expect, test } from 'vitest'
import { seedTenant } from '../testing/seed-tenant.ts'
import { auditSnapshot, writeAudit } from './audit.db.ts'

test('snapshots drop secrets at any depth and turn bigints and dates into strings', () => {
  const snapshot = auditSnapshot({
    id: 7n,
    passwordHash: 'scrypt$…',
    nested: { password: 'hunter22', name: 'kept' },
    at: new Date('2026-11-25T10:00:00.000Z'),
  })
  expect(snapshot).toEqual({ id: '7', nested: { name: 'kept' }, at: '2026-11-25T10:00:00.000Z' })
  expect(auditSnapshot(null)).toBeNull()
})

test('writeAudit stores the entry in the caller’s transaction: rolled back with it', async () => {
  await using database = await createTestDatabase()
  const tenant = await seedTenant(database.pool)
  const entry = {
    organizationId: tenant.organizationId,
    actorId: tenant.admin.id,
    action: 'team.updated',
    entity: 'team',
    entityId: tenant.teams[0].id,
    before: { name: 'a' },
    after: { name: 'b' },
  }
  await database.prisma.$transaction((tx) => writeAudit(tx, entry))
  await expect(
    database.prisma.$transaction(async (tx) => {
      await writeAudit(tx, { ...entry, action: 'team.deleted', after: null })
      throw new Error('the change failed')
    }),
  ).rejects.toThrow('the change failed')
  const { rows } = await database.pool.query('SELECT actor_id, action, entity, entity_id, before, after FROM audit_log')
  expect(rows).toEqual([
    {
      actor_id: tenant.admin.id,
      action: 'team.updated',
      entity: 'team',
      entity_id: String(tenant.teams[0].id),
      before: { name: 'a' },
      after: { name: 'b' },
    },
  ])
})
