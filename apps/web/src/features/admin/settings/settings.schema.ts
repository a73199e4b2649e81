import { z } from 'zod'

// Mirrors apps/api/src/routes/settings/settings.schema.ts.

export const SettingsSchema = z.object({
  organizationId: z.number().int(),
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  fiscalYearStartMonth: z.number().int(),
  leaderboardEnabled: z.boolean(),
  splitTeamTargets: z.boolean(),
  version: z.number().int(),
})
export type Settings = z.infer<typeof SettingsSchema>

export const HolidaySchema = z.object({ date: z.string(), name: z.string() })
export const HolidaysSchema = z.object({ holidays: z.array(HolidaySchema), version: z.number().int() })
export type Holidays = z.infer<typeof HolidaysSchema>
