import { z } from 'zod'
import { IdParam } from '../id.schema.ts'
import type { EntityDef, FieldKind } from './entity.ts'

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
export function recordSchema(def: EntityDef) {
  const shape: Record<string, z.ZodType> = { id: z.number().int(), version: z.number().int() }
  for (const field of def.fields)
    shape[field.name] = field.required ? outputOf[field.kind] : outputOf[field.kind].nullable()
  if (def.stampsTeam) shape['teamId'] = z.number().int().nullable().describe("the owner's team when last written")
  return z.object(shape)
}

export function pageSchema(def: EntityDef) {
  return z.object({
    items: z.array(recordSchema(def)),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
}

export const IdParams = z.object({ id: IdParam })
