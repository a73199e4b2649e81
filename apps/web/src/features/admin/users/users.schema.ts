import { z } from 'zod'

// Mirrors apps/api/src/routes/{users,teams}/*.schema.ts.

export const ROLES = ['rep', 'manager', 'admin'] as const

export const TeamSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  managerId: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
})
export type Team = z.infer<typeof TeamSchema>
export const TeamListSchema = z.object({ teams: z.array(TeamSchema) })
export const TeamResponseSchema = z.object({ team: TeamSchema })

export const UserSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  teamId: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
})
export type User = z.infer<typeof UserSchema>
export const UserListSchema = z.object({ users: z.array(UserSchema) })
export const UserResponseSchema = z.object({ user: UserSchema })
