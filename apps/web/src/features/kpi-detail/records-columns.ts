/**
 * Which fields of each record table the KPI detail shows, and how: a person's id as their name (from the
 * leaderboard), instants and dates in the locale, money in the organisation's currency. Sortability comes from
 * the API (records.sortable), so a column is clickable exactly when the server can sort by it.
 */
export type ColumnKind = 'text' | 'person' | 'instant' | 'date' | 'money' | 'number'
export type RecordColumn = { field: string; kind: ColumnKind; label: ColumnLabel }

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

export const RECORD_COLUMNS: Record<string, RecordColumn[]> = {
  deals: [
    col('name', 'text'),
    col('ownerId', 'person', 'owner'),
    col('type', 'text'),
    col('status', 'text'),
    col('amount', 'money'),
    col('createdAt', 'instant'),
    col('closedAt', 'instant'),
  ],
  leads: [
    col('name', 'text'),
    col('channel', 'text'),
    col('ownerId', 'person', 'owner'),
    col('createdAt', 'instant'),
    col('mqlAt', 'instant'),
    col('sqlAt', 'instant'),
  ],
  activities: [
    col('type', 'text'),
    col('userId', 'person', 'owner'),
    col('occurredAt', 'instant'),
    col('notes', 'text'),
  ],
  customers: [
    col('name', 'text'),
    col('segment', 'text'),
    col('ownerId', 'person', 'owner'),
    col('acquiredAt', 'instant'),
    col('churnedAt', 'instant'),
  ],
  surveys: [col('kind', 'text'), col('score', 'number'), col('respondedAt', 'instant'), col('comment', 'text')],
  costs: [col('category', 'text'), col('month', 'date'), col('amount', 'money')],
}
