import { z } from 'zod'
import { ACTIVITY_TYPES } from '@kpi/contract/record-enums'
import { IdParam } from '@kpi/contract/id'
import type { EntityDef } from '../entity.ts'
import { withCalendarDates } from '../calendar-dates.ts'
import { Id, Instant, LongText, Text } from '../fields.ts'

export const ActivityType = z.enum(ACTIVITY_TYPES)

export const activities: EntityDef = withCalendarDates({
  entity: 'activities',
  table: 'activities',
  fields: [
    { name: 'externalId', column: 'external_id', kind: 'text', pgType: 'text', schema: Text(100) },
    { name: 'type', column: 'type', kind: 'enum', pgType: '"ActivityType"', schema: ActivityType, required: true },
    {
      name: 'userId',
      column: 'user_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      required: true,
      ref: { kind: 'user', csvName: 'userEmail' },
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
      name: 'dealId',
      column: 'deal_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      ref: { kind: 'deal', csvName: 'dealExternalId' },
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
      name: 'occurredAt',
      column: 'occurred_at',
      kind: 'instant',
      pgType: 'timestamptz',
      schema: Instant,
      required: true,
    },
    { name: 'notes', column: 'notes', kind: 'text', pgType: 'text', schema: LongText() },
  ],
  ownerField: 'userId',
  stampsTeam: true,
  check: () => [],
  visibility: { kind: 'owned', ownerColumn: 'user_id' },
  roles: { read: ['admin', 'manager', 'rep'], write: ['admin', 'manager', 'rep'] },
  dateColumn: 'occurred_at',
  searchColumn: 'notes',
  filters: {
    type: { column: 'type', schema: ActivityType },
    // "My recent activities": a manager sees the team's, and wants their own.
    userId: { column: 'user_id', schema: IdParam },
    dealId: { column: 'deal_id', schema: IdParam },
    leadId: { column: 'lead_id', schema: IdParam },
  },
  sorts: { occurredAt: 'occurred_at', id: 'id' },
  defaultSort: '-occurredAt',
})
