import { z } from 'zod'
import { IdParam } from './id.ts'

/** The record tables with CRUD routes under /api/<entity> and a CSV export. */
export const ENTITY_NAMES = ['leads', 'deals', 'customers', 'activities', 'costs', 'surveys'] as const
export type EntityName = (typeof ENTITY_NAMES)[number]

/** How a value is stored and read back: decides the SQL cast on write and the expression on read. */
export type FieldKind = 'text' | 'int' | 'money' | 'score' | 'instant' | 'date' | 'bool' | 'enum'

/**
 * What the answer schemas need of a record table: its fields and whether rows carry the owner's team. The API's
 * entity definitions (apps/api/src/records/entities/) have this shape and much more (columns, visibility).
 */
export type RecordShape = {
  fields: readonly { name: string; kind: FieldKind; required?: boolean }[]
  stampsTeam?: boolean
}

const outputOf: Record<FieldKind, z.ZodType> = {
  text: z.string(),
  int: z.number().int(),
  money: z.string().describe('decimal string'),
  score: z.number(),
  instant: z.string().describe('ISO-8601 UTC'),
  date: z.string().describe('YYYY-MM-DD'),
  bool: z.boolean(),
  enum: z.string(),
}

/** A record as the API returns it: id, version, every field (null when empty), teamId for owned records. */
export function recordSchema(def: RecordShape) {
  const shape: Record<string, z.ZodType> = { id: z.number().int(), version: z.number().int() }
  for (const field of def.fields)
    shape[field.name] = field.required ? outputOf[field.kind] : outputOf[field.kind].nullable()
  if (def.stampsTeam) shape['teamId'] = z.number().int().nullable().describe("the owner's team when last written")
  return z.object(shape)
}

export function pageSchema(def: RecordShape) {
  return z.object({
    items: z.array(recordSchema(def)),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
}

export const IdParams = z.object({ id: IdParam })

/**
 * An activity as "Log activity" and "My recent activities" read it: the fields they show, typed (zod drops the
 * others of the answer, which recordSchema(activities) describes whole).
 */
export const RecentActivity = z.object({
  id: z.number().int(),
  type: z.string(),
  userId: z.number().int(),
  occurredAt: z.string().describe('ISO-8601 UTC'),
})
export const RecentActivityPage = z.object({
  items: z.array(RecentActivity),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
})
