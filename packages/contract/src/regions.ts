import { z } from 'zod'
import { Id, IdParam, Version, VersionParam } from './id.ts'

// A region groups teams (a regional office): a scope between the organisation and a team (decision 0034).

export const RegionParams = z.object({ id: IdParam })

export const RegionOut = z.object({
  id: z.number().int(),
  name: z.string(),
  managerId: z.number().int().nullable().describe("the manager who sees the region's figures and sets its targets"),
  version: z.number().int().describe('send it back with PATCH or DELETE; a stale one answers 409 version_conflict'),
})
export type RegionOut = z.infer<typeof RegionOut>

export const RegionList = z.object({ regions: z.array(RegionOut) })
export const RegionResponse = z.object({ region: RegionOut })

const Name = z.string().trim().min(1).max(100)

export const CreateRegionBody = z.object({
  name: Name,
  managerId: Id.nullable().default(null),
})

export const UpdateRegionBody = z.object({
  version: Version,
  name: Name.optional(),
  managerId: Id.nullable().optional(),
})
export type UpdateRegionBody = z.infer<typeof UpdateRegionBody>

export const DeleteRegionQuery = z.object({ version: VersionParam })
