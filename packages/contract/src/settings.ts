import { z } from 'zod'
import { CalendarDate } from './date.ts'
import { Version } from './id.ts'

/** True when Intl knows the zone (IANA names such as 'Europe/Amsterdam'; 'UTC' too). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, 'not an IANA time zone')
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code: three capital letters')
  // Intl knows the ISO 4217 list; an unknown code would format as "XYZ 1,00" everywhere.
  .refine((code) => Intl.supportedValuesOf('currency').includes(code), 'not an ISO 4217 currency')
export const FiscalYearStartMonth = z.number().int().min(1).max(12)

/** How KPIs are drawn: semicircular gauges or horizontal bullet graphs (decision 0035). */
export const GAUGE_STYLES = ['gauge', 'bullet'] as const
export const GaugeStyle = z.enum(GAUGE_STYLES)
export type GaugeStyle = z.infer<typeof GaugeStyle>

export const Settings = z.object({
  organizationId: z.number().int(),
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  fiscalYearStartMonth: z.number().int(),
  leaderboardEnabled: z.boolean(),
  splitTeamTargets: z.boolean(),
  requireTwoFactor: z.boolean().describe('everyone must turn on two-factor codes before using the app'),
  gaugeStyle: GaugeStyle.describe('how KPIs are drawn for everyone who has not chosen their own'),
  digestsEnabled: z.boolean().describe("scheduled digests go out (people's and webhooks'); off stops them all"),
  version: z.number().int().describe('send it back with PATCH; a stale version answers 409'),
})
export type Settings = z.infer<typeof Settings>

export const SettingsPatch = z
  .strictObject({
    timeZone: TimeZone.optional(),
    currency: Currency.optional(),
    fiscalYearStartMonth: FiscalYearStartMonth.optional(),
    leaderboardEnabled: z.boolean().optional(),
    splitTeamTargets: z.boolean().optional(),
    requireTwoFactor: z.boolean().optional(),
    gaugeStyle: GaugeStyle.optional(),
    digestsEnabled: z.boolean().optional(),
    version: Version,
  })
  // A PATCH of nothing would still bump the version and make everyone else's next write a 409.
  .refine((patch) => Object.keys(patch).length > 1, 'nothing to change: send at least one field besides version')
  .describe('only the fields to change, plus the version they were read at')
export type SettingsPatch = z.infer<typeof SettingsPatch>

export const Holiday = z.strictObject({ date: CalendarDate, name: z.string().trim().min(1).max(100) })

export const Holidays = z.object({
  holidays: z.array(Holiday),
  version: z.number().int().describe("the organisation's settings version; holidays are part of the settings"),
})
export type Holidays = z.infer<typeof Holidays>

export const HolidaysPut = z.strictObject({
  holidays: z.array(Holiday).max(1000),
  version: Version,
})
export type HolidaysPut = z.infer<typeof HolidaysPut>

export const TimeZonePreviewQuery = z.strictObject({ timeZone: TimeZone.describe('the zone you consider') })

/** What a change of the organisation's time zone would do to the stored dates (issue 17, decision 29). */
export const TimeZonePreview = z.object({
  from: z.string().describe('the current zone'),
  to: z.string(),
  calendarDates: z.number().int().describe('dates entered without a time: they keep their calendar day'),
  timedInstants: z.number().int().describe('dates entered with a time: they keep their moment'),
  timedInstantsChangingDay: z
    .number()
    .int()
    .describe('of those, how many fall on another calendar day in the new zone'),
})
export type TimeZonePreview = z.infer<typeof TimeZonePreview>
