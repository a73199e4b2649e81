import { z } from 'zod'
import { before, type EntityDef, type FieldIssue } from '../entity.ts'
import { withCalendarDates } from '../calendar-dates.ts'
import { Id, Instant, Text } from '../fields.ts'

function checkCustomer(row: Record<string, unknown>): FieldIssue[] {
  if (before(row['churnedAt'], row['acquiredAt']))
    return [{ field: 'churnedAt', message: 'churnedAt must not be before acquiredAt' }]
  return []
}

export const customers: EntityDef = withCalendarDates({
  entity: 'customers',
  table: 'customers',
  fields: [
    { name: 'externalId', column: 'external_id', kind: 'text', pgType: 'text', schema: Text(100) },
    { name: 'name', column: 'name', kind: 'text', pgType: 'text', schema: Text(200), required: true },
    { name: 'segment', column: 'segment', kind: 'text', pgType: 'text', schema: Text(60), required: true },
    {
      name: 'idealProfile',
      column: 'ideal_profile',
      kind: 'bool',
      pgType: 'boolean',
      schema: z.boolean(),
      defaultValue: false,
    },
    {
      name: 'ownerId',
      column: 'owner_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      required: true,
      ref: { kind: 'user', csvName: 'ownerEmail' },
    },
    { name: 'acquiredAt', column: 'acquired_at', kind: 'instant', pgType: 'timestamptz', schema: Instant },
    { name: 'churnedAt', column: 'churned_at', kind: 'instant', pgType: 'timestamptz', schema: Instant },
  ],
  ownerField: 'ownerId',
  check: checkCustomer,
  visibility: { kind: 'owned-via-user-team', ownerColumn: 'owner_id' },
  roles: { read: ['admin', 'manager', 'rep'], write: ['admin', 'manager', 'rep'] },
  dateColumn: 'acquired_at',
  searchColumn: 'name',
  filters: { segment: { column: 'segment', schema: z.string().min(1).max(60) } },
  sorts: { name: 'name', acquiredAt: 'acquired_at', churnedAt: 'churned_at', id: 'id' },
  defaultSort: 'name',
})
