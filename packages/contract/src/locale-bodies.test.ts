import { expect, test } from 'vitest'
import { AcceptInvitationBody } from './invitations.ts'
import { SetupBody } from './setup.ts'

// The language a person's e-mails are written in may come with the setup and the acceptance (issue 16):
// optional, and only the languages the e-mails exist in.

const setup = (admin: Record<string, unknown>) => ({
  organization: { name: 'Acme', timeZone: 'Europe/Amsterdam', currency: 'EUR', fiscalYearStartMonth: 1 },
  admin: { name: 'Ada', email: 'ada@acme.test', password: 'long enough password', ...admin },
})

test.each([
  { locale: undefined, ok: true }, // the API stores 'en'
  { locale: 'nl', ok: true },
  { locale: 'en', ok: true },
  { locale: 'de', ok: false }, // no German e-mails
  { locale: 'NL', ok: false },
])('setup admin.locale $locale → $ok', ({ locale, ok }) => {
  expect(SetupBody.safeParse(setup(locale === undefined ? {} : { locale })).success).toBe(ok)
})

test.each([
  { locale: undefined, ok: true }, // the invitation's language is kept
  { locale: 'nl', ok: true },
  { locale: 'fr', ok: false },
  { locale: '', ok: false },
])('accept invitation locale $locale → $ok', ({ locale, ok }) => {
  const body = { token: 't', password: 'long enough password', ...(locale === undefined ? {} : { locale }) }
  expect(AcceptInvitationBody.safeParse(body).success).toBe(ok)
})

test('the setup error names the field', () => {
  const result = SetupBody.safeParse(setup({ locale: 'de' }))
  expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['admin.locale'])
})
