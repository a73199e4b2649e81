import { z } from 'zod'
import { before, type EntityDef, type FieldIssue } from '../entity.ts'
import { withCalendarDates } from '../calendar-dates.ts'
import { Id, Instant, Text } from '../fields.ts'

/** The lead's organisation, normalised so "ACME B.V. " and "acme b.v." count as one account (leads.new_accounts). */
export function accountKey(account: unknown): string | null {
  if (typeof account !== 'string') return null
  const key = account.trim().toLowerCase().replace(/\s+/g, ' ')
  return key === '' ? null : key
}

// The funnel only moves forward: MQL, then SQL, then opportunity, none of them before the lead existed.
const funnel = ['createdAt', 'mqlAt', 'sqlAt', 'opportunityAt'] as const

function checkLead(row: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = []
  const present = funnel.filter((field) => row[field] != null)
  for (let i = 1; i < present.length; i++) {
    const earlier = present[i - 1]!
    const later = present[i]!
    if (before(row[later], row[earlier]))
      issues.push({ field: later, message: `${later} must not be before ${earlier}` })
  }
  if (before(row['disqualifiedAt'], row['createdAt']))
    issues.push({ field: 'disqualifiedAt', message: 'disqualifiedAt must not be before createdAt' })
  return issues
}

export const leads: EntityDef = withCalendarDates({
  entity: 'leads',
  table: 'leads',
  fields: [
    { name: 'externalId', column: 'external_id', kind: 'text', pgType: 'text', schema: Text(100) },
    { name: 'name', column: 'name', kind: 'text', pgType: 'text', schema: Text(200), required: true },
    { name: 'account', column: 'account', kind: 'text', pgType: 'text', schema: Text(200) },
    { name: 'channel', column: 'channel', kind: 'text', pgType: 'text', schema: Text(60), required: true },
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
      name: 'createdAt',
      column: 'created_at',
      kind: 'instant',
      pgType: 'timestamptz',
      schema: Instant,
      required: true,
    },
    { name: 'mqlAt', column: 'mql_at', kind: 'instant', pgType: 'timestamptz', schema: Instant },
    { name: 'sqlAt', column: 'sql_at', kind: 'instant', pgType: 'timestamptz', schema: Instant },
    { name: 'opportunityAt', column: 'opportunity_at', kind: 'instant', pgType: 'timestamptz', schema: Instant },
    { name: 'disqualifiedAt', column: 'disqualified_at', kind: 'instant', pgType: 'timestamptz', schema: Instant },
  ],
  ownerField: 'ownerId',
  stampsTeam: true,
  derived: [{ column: 'account_key', pgType: 'text', from: (row) => accountKey(row['account']) }],
  check: checkLead,
  visibility: { kind: 'owned', ownerColumn: 'owner_id' },
  roles: { read: ['admin', 'manager', 'rep'], write: ['admin', 'manager', 'rep'] },
  dateColumn: 'created_at',
  searchColumn: 'name',
  filters: { channel: { column: 'channel', schema: z.string().min(1).max(60) } },
  sorts: { createdAt: 'created_at', name: 'name', sqlAt: 'sql_at', id: 'id' },
  defaultSort: '-createdAt',
})
