import { z } from 'zod'
import { Id, IdParam, Version } from './id.ts'

export const ROLES = ['admin', 'manager', 'rep'] as const
export type Role = (typeof ROLES)[number]

export const UserParams = z.object({ id: IdParam })

export const UserOut = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable().describe('null for a person without sign-in (imported; invite them to give one)'),
  signIn: z
    .boolean()
    .describe('has a password (or single sign-on): false for people who own records but never sign in'),
  role: z.enum(ROLES),
  teamId: z.number().int().nullable(),
  active: z.boolean(),
  twoFactorEnabled: z.boolean().describe('signs in with a two-factor code (an admin may reset it)'),
  version: z.number().int().describe('send it back with PATCH; a stale one answers 409 version_conflict'),
})
export type UserOut = z.infer<typeof UserOut>

export const UserList = z.object({ users: z.array(UserOut) })
export const UserResponse = z.object({ user: UserOut })

export const Name = z.string().trim().min(1).max(100)
// Long enough to mean something; the upper bound keeps scrypt's input bounded.
export const Password = z.string().min(8, 'must be at least 8 characters').max(1024)

export const CreateUserBody = z.object({
  email: z.email().max(254),
  name: Name,
  role: z.enum(ROLES),
  teamId: Id.nullable().default(null),
  password: Password,
})

export const UpdateUserBody = z.object({
  version: Version,
  name: Name.optional(),
  role: z.enum(ROLES).optional(),
  teamId: Id.nullable().optional(),
  active: z.boolean().optional(),
  password: Password.optional().describe('a new password (reset); ends the user’s sessions'),
})
export type UpdateUserBody = z.infer<typeof UpdateUserBody>
