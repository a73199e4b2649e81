import { z } from 'zod'

// Mirrors apps/api/src/routes/me/me.schema.ts (API code stays out of the web bundle).
const TeamRef = z.object({ id: z.number(), name: z.string() })

export const SessionUserSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'manager', 'rep']),
  team: TeamRef.nullable(),
  managedTeams: z.array(TeamRef),
  /** Active teams whose dashboard this user may open (every team for an admin). */
  teams: z.array(TeamRef),
})

export const MeSchema = z.object({
  user: SessionUserSchema,
  organization: z.object({
    id: z.number(),
    name: z.string(),
    currency: z.string(),
    timeZone: z.string(),
    leaderboardEnabled: z.boolean(),
  }),
})

export const LoginResponseSchema = z.object({ user: SessionUserSchema })

/** The 409 of an email and password that open accounts in several organisations (one email, several employers). */
export const LoginAmbiguousSchema = z.object({ organizations: z.array(z.object({ id: z.number(), name: z.string() })) })

export type Me = z.infer<typeof MeSchema>
export type SessionUser = z.infer<typeof SessionUserSchema>
