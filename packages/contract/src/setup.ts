import { z } from 'zod'
import { LOCALES, SessionUser } from './me.ts'
import { Currency, FiscalYearStartMonth, TimeZone } from './settings.ts'
import { Name, Password } from './users.ts'

// First-run setup (issue 16): the organisation and its first admin, on a database that holds no organisation.
// The same rules as the settings and users admin; `pnpm setup:org` parses its options with these too.

export const SetupStatus = z.object({
  needed: z.boolean().describe('true while the database holds no organisation: the web app shows the setup page'),
})
export type SetupStatus = z.infer<typeof SetupStatus>

export const SetupOrganization = z.strictObject({
  name: z.string().trim().min(1).max(100),
  timeZone: TimeZone,
  currency: Currency,
  fiscalYearStartMonth: FiscalYearStartMonth,
})

export const SetupAdmin = z.strictObject({
  name: Name,
  email: z.email().max(254),
  password: Password,
  locale: z.enum(LOCALES).optional().describe("the language of the admin's e-mails; the web sends its UI language"),
})

export const SetupBody = z.strictObject({ organization: SetupOrganization, admin: SetupAdmin })
export type SetupBody = z.infer<typeof SetupBody>

export const SetupResponse = z.object({ user: SessionUser })
