import { z } from 'zod'
import { SURVEY_KINDS } from '@kpi/contract/record-enums'
import type { EntityDef, FieldIssue } from '../entity.ts'
import { withCalendarDates } from '../calendar-dates.ts'
import { Id, Instant, LongText, Text } from '../fields.ts'

export const SurveyKind = z.enum(SURVEY_KINDS)

/** Score ranges per kind (SPEC 3): NPS and eNPS answer 0–10, CSAT 1–5, Q12 the mean of twelve 1–5 answers. */
export const scoreRange = { NPS: [0, 10], ENPS: [0, 10], CSAT: [1, 5], Q12: [1, 5] } as const

function checkSurvey(row: Record<string, unknown>): FieldIssue[] {
  const kind = row['kind'] as keyof typeof scoreRange | undefined
  const score = row['score']
  if (kind === undefined || !(kind in scoreRange) || typeof score !== 'number') return []
  const [min, max] = scoreRange[kind]
  const issues: FieldIssue[] = []
  if (score < min || score > max) issues.push({ field: 'score', message: `a ${kind} score must be ${min}–${max}` })
  else if (kind !== 'Q12' && !Number.isInteger(score))
    issues.push({ field: 'score', message: `a ${kind} score is a whole number` })
  if ((kind === 'NPS' || kind === 'CSAT') && row['teamId'] != null && row['customerId'] == null)
    issues.push({ field: 'customerId', message: `a ${kind} response comes from a customer` })
  return issues
}

export const surveys: EntityDef = withCalendarDates({
  entity: 'surveys',
  table: 'survey_responses',
  fields: [
    {
      name: 'externalId',
      column: 'external_id',
      kind: 'text',
      pgType: 'text',
      schema: Text(100),
    },
    { name: 'kind', column: 'kind', kind: 'enum', pgType: '"SurveyKind"', schema: SurveyKind, required: true },
    {
      name: 'score',
      column: 'score',
      kind: 'score',
      pgType: 'numeric',
      required: true,
      schema: z.number().multipleOf(0.01, 'at most 2 decimals'),
    },
    {
      name: 'respondedAt',
      column: 'responded_at',
      kind: 'instant',
      pgType: 'timestamptz',
      schema: Instant,
      required: true,
    },
    {
      name: 'customerId',
      column: 'customer_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      ref: { kind: 'customer', csvName: 'customerExternalId' },
    },
    // Internal surveys (eNPS, Q12) are anonymous: only the team is kept, never the employee.
    {
      name: 'teamId',
      column: 'team_id',
      kind: 'int',
      pgType: 'int',
      schema: Id,
      ref: { kind: 'team', csvName: 'teamName' },
    },
    { name: 'comment', column: 'comment', kind: 'text', pgType: 'text', schema: LongText() },
  ],
  check: checkSurvey,
  visibility: { kind: 'team-or-customer' },
  roles: { read: ['admin', 'manager'], write: ['admin', 'manager'] },
  dateColumn: 'responded_at',
  searchColumn: 'comment',
  filters: { kind: { column: 'kind', schema: SurveyKind } },
  sorts: { respondedAt: 'responded_at', score: 'score', id: 'id' },
  defaultSort: '-respondedAt',
})
