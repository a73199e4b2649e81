import { z } from 'zod'
import { DEAL_STATUSES, DEAL_TYPES } from '@kpi/contract/record-enums'
import { IdParam } from '@kpi/contract/id'
import { before, type EntityDef, type FieldIssue } from '../entity.ts'
import { withCalendarDates } from '../calendar-dates.ts'
import { Id, Instant, Money, Text } from '../fields.ts'

export const DealType = z.enum(DEAL_TYPES)
export const DealStatus = z.enum(DEAL_STATUSES)

function checkDeal(row: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = []
  const closed = row['closedAt'] ?? null
  if ((row['status'] === 'WON' || row['status'] === 'LOST') && closed === null)
    issues.push({ field: 'closedAt', message: `a ${String(row['status'])} deal needs closedAt` })
  if ((row['status'] ?? 'OPEN') === 'OPEN' && closed !== null)
    issues.push({ field: 'closedAt', message: 'an OPEN deal must not have closedAt' })
  // Revenue is summed from won deals: a won deal of unknown amount would silently count as 0.
  if (row['status'] === 'WON' && (row['amount'] ?? null) === null)
    issues.push({ field: 'amount', message: 'a WON deal needs its amount (blank is allowed for OPEN and LOST deals)' })
  if (before(closed, row['createdAt']))
    issues.push({ field: 'closedAt', message: 'closedAt must not be before createdAt' })
  return issues
}

export const deals: EntityDef = withCalendarDates({
  entity: 'deals',
  table: 'deals',
  fields: [
    { name: 'externalId', column: 'external_id', kind: 'text', pgType: 'text', schema: Text(100) },
    { name: 'name', column: 'name', kind: 'text', pgType: 'text', schema: Text(200), required: true },
    {
      name: 'ownerId',
      column: 'owner_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      required: true,
      ref: { kind: 'user', csvName: 'ownerEmail' },
    },
    {
      name: 'customerId',
      column: 'customer_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      ref: { kind: 'customer', csvName: 'customerExternalId' },
    },
    {
      name: 'leadId',
      column: 'lead_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      ref: { kind: 'lead', csvName: 'leadExternalId' },
    },
    {
      name: 'productId',
      column: 'product_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      ref: { kind: 'product', csvName: 'product' },
    },
    { name: 'type', column: 'type', kind: 'enum', pgType: '"DealType"', schema: DealType, required: true },
    { name: 'stage', column: 'stage', kind: 'text', pgType: 'text', schema: Text(100), required: true },
    {
      name: 'probability',
      column: 'probability',
      kind: 'int',
      pgType: 'smallint',
      required: true,
      schema: z.number().int().min(0, 'must be 0–100').max(100, 'must be 0–100'),
    },
    { name: 'status', column: 'status', kind: 'enum', pgType: '"DealStatus"', schema: DealStatus, required: true },
    // Blank = unknown, never 0 (decision 29): amount for open and lost deals, cost for any.
    { name: 'amount', column: 'amount', kind: 'money', pgType: 'numeric', schema: Money },
    { name: 'cost', column: 'cost', kind: 'money', pgType: 'numeric', schema: Money },
    {
      name: 'createdAt',
      column: 'created_at',
      kind: 'instant',
      pgType: 'timestamptz',
      schema: Instant,
      required: true,
    },
    { name: 'expectedCloseAt', column: 'expected_close_at', kind: 'instant', pgType: 'timestamptz', schema: Instant },
    { name: 'closedAt', column: 'closed_at', kind: 'instant', pgType: 'timestamptz', schema: Instant },
  ],
  ownerField: 'ownerId',
  stampsTeam: true,
  check: checkDeal,
  visibility: { kind: 'owned', ownerColumn: 'owner_id' },
  roles: { read: ['admin', 'manager', 'rep'], write: ['admin', 'manager', 'rep'] },
  dateColumn: 'created_at',
  searchColumn: 'name',
  filters: {
    status: { column: 'status', schema: DealStatus },
    type: { column: 'type', schema: DealType },
    customerId: { column: 'customer_id', schema: IdParam },
  },
  sorts: { createdAt: 'created_at', closedAt: 'closed_at', amount: 'amount', name: 'name', id: 'id' },
  defaultSort: '-createdAt',
})
