import { z } from 'zod'
import { Id, IdParam, Version } from './id.ts'

export const TeamParams = z.object({ id: IdParam })

export const TeamOut = z.object({
  id: z.number().int(),
  name: z.string(),
  managerId: z.number().int().nullable(),
  regionId: z.number().int().nullable().describe('the region the team belongs to (decision 0034)'),
  active: z.boolean(),
  version: z.number().int().describe('send it back with PATCH; a stale one answers 409 version_conflict'),
})
export type TeamOut = z.infer<typeof TeamOut>

export const TeamList = z.object({ teams: z.array(TeamOut) })
export const TeamResponse = z.object({ team: TeamOut })

const Name = z.string().trim().min(1).max(100)

export const CreateTeamBody = z.object({
  name: Name,
  managerId: Id.nullable().default(null),
  regionId: Id.nullable().default(null),
})

export const UpdateTeamBody = z.object({
  version: Version,
  name: Name.optional(),
  managerId: Id.nullable().optional(),
  regionId: Id.nullable().optional(),
  active: z.boolean().optional(),
})
export type UpdateTeamBody = z.infer<typeof UpdateTeamBody>
