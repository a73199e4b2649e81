import { z } from 'zod'
import { COST_CATEGORIES } from '@kpi/contract/record-enums'
import { IdParam } from '@kpi/contract/id'
import type { EntityDef } from '../entity.ts'
import { CalendarDate, Id, Money, Text } from '../fields.ts'

export const CostCategory = z.enum(COST_CATEGORIES)

export const costs: EntityDef = {
  entity: 'costs',
  table: 'costs',
  fields: [
    { name: 'externalId', column: 'external_id', kind: 'text', pgType: 'text', schema: Text(100) },
    {
      name: 'category',
      column: 'category',
      kind: 'enum',
      pgType: '"CostCategory"',
      schema: CostCategory,
      required: true,
    },
    {
      name: 'month',
      column: 'month',
      kind: 'date',
      pgType: 'date',
      required: true,
      // Costs are booked per month; a day other than the 1st would silently shift nothing but confuse everyone.
      schema: CalendarDate.refine((text) => text.endsWith('-01'), 'must be the first day of a month (YYYY-MM-01)'),
    },
    {
      name: 'teamId',
      column: 'team_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      ref: { kind: 'team', csvName: 'teamName' },
    },
    { name: 'amount', column: 'amount', kind: 'money', pgType: 'numeric', schema: Money, required: true },
  ],
  check: () => [],
  visibility: { kind: 'organisation' },
  roles: { read: ['admin'], write: ['admin'] },
  dateColumn: 'month',
  filters: {
    category: { column: 'category', schema: CostCategory },
    teamId: { column: 'team_id', schema: IdParam },
  },
  sorts: { month: 'month', amount: 'amount', id: 'id' },
  defaultSort: '-month',
}
