import { z } from 'zod'
import { GaugeStyle } from './settings.ts'
import { TwoFactorState } from './two-factor.ts'
import { ROLES } from './users.ts'

const TeamRef = z.object({ id: z.number().int(), name: z.string() })

/** The signed-in user as the web app shows it (login answer and GET /api/me). */
export const SessionUser = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  team: TeamRef.nullable().describe('the team the user is a member of'),
  managedTeams: z.array(TeamRef).describe('active teams this user manages'),
  teams: z
    .array(TeamRef)
    .describe(
      "active teams whose dashboard this user may open, by name: all for an admin, a manager's own, a rep's team",
    ),
  regions: z
    .array(TeamRef)
    .optional()
    .describe("regions whose dashboard this user may open, by name: all for an admin, a manager's own, none for a rep"),
})
export type SessionUser = z.infer<typeof SessionUser>

export const MeResponse = z.object({
  user: SessionUser,
  organization: z.object({
    id: z.number().int(),
    name: z.string(),
    currency: z.string(),
    timeZone: z.string(),
    fiscalYearStartMonth: z.number().int(),
    leaderboardEnabled: z.boolean(),
    gaugeStyle: GaugeStyle.describe('the default way KPIs are drawn'),
  }),
  preferences: z.object({
    gaugeStyle: GaugeStyle.nullable().describe("this person's own choice; null follows the organisation"),
  }),
  twoFactor: TwoFactorState,
})
export type MeResponse = z.infer<typeof MeResponse>

export const LOCALES = ['en', 'nl'] as const

/**
 * What a person changes about themselves: the language of what is sent to them (e-mails), and how their KPIs are
 * drawn (null: as the organisation chose). Only the fields sent change.
 */
export const UpdateMeBody = z
  .object({
    locale: z.enum(LOCALES).optional(),
    gaugeStyle: GaugeStyle.nullable().optional().describe('gauge, bullet, or null to follow the organisation'),
  })
  .refine((body) => body.locale !== undefined || body.gaugeStyle !== undefined, 'send locale or gaugeStyle')
export type UpdateMeBody = z.infer<typeof UpdateMeBody>
export const UpdateMeResponse = z.object({ locale: z.enum(LOCALES), gaugeStyle: GaugeStyle.nullable() })
