/**
 * Which fields of each record table the KPI detail shows, and how: a person's id as their name (from the
 * leaderboard), instants and dates in the locale, money in the organisation's currency. Sortability comes from
 * the API (records.sortable), so a column is clickable exactly when the server can sort by it.
 */
import type { CodeKind } from '../../i18n/code-labels.ts'

export type ColumnKind = 'text' | 'person' | 'instant' | 'date' | 'money' | 'number' | 'code'
/** `codes`: for a 'code' column, which labels its stored values get (never shown as the raw code). */
export type RecordColumn = { field: string; kind: ColumnKind; label: ColumnLabel; codes?: CodeKind }

export type ColumnLabel =
  | 'name'
  | 'owner'
  | 'type'
  | 'status'
  | 'amount'
  | 'closedAt'
  | 'createdAt'
  | 'expectedCloseAt'
  | 'channel'
  | 'mqlAt'
  | 'sqlAt'
  | 'occurredAt'
  | 'notes'
  | 'segment'
  | 'acquiredAt'
  | 'churnedAt'
  | 'kind'
  | 'score'
  | 'respondedAt'
  | 'comment'
  | 'category'
  | 'month'

const col = (field: string, kind: ColumnKind, label = field as ColumnLabel): RecordColumn => ({ field, kind, label })
const code = (field: string, codes: CodeKind): RecordColumn => ({
  field,
  kind: 'code',
  label: field as ColumnLabel,
  codes,
})

export const RECORD_COLUMNS: Record<string, RecordColumn[]> = {
  deals: [
    col('name', 'text'),
    col('ownerId', 'person', 'owner'),
    code('type', 'dealType'),
    code('status', 'dealStatus'),
    col('amount', 'money'),
    col('createdAt', 'instant'),
    col('closedAt', 'instant'),
  ],
  leads: [
    col('name', 'text'),
    code('channel', 'channel'),
    col('ownerId', 'person', 'owner'),
    col('createdAt', 'instant'),
    col('mqlAt', 'instant'),
    col('sqlAt', 'instant'),
  ],
  activities: [
    code('type', 'activityType'),
    col('userId', 'person', 'owner'),
    col('occurredAt', 'instant'),
    col('notes', 'text'),
  ],
  customers: [
    col('name', 'text'),
    code('segment', 'segment'),
    col('ownerId', 'person', 'owner'),
    col('acquiredAt', 'instant'),
    col('churnedAt', 'instant'),
  ],
  surveys: [code('kind', 'surveyKind'), col('score', 'number'), col('respondedAt', 'instant'), col('comment', 'text')],
  costs: [code('category', 'costCategory'), col('month', 'date'), col('amount', 'money')],
}
