import { parseArgs } from 'node:util'
import { SetupAdmin, SetupOrganization, type SetupBody } from '@kpi/contract/setup'
import { DEFAULT_ORGANIZATION_SETTINGS } from '@kpi/db/organization/defaults'

// The options of `pnpm setup:org`, checked by the same contract schemas as POST /api/setup, with errors that name
// the option (--time-zone) instead of the body field (organization.timeZone).

export const USAGE = `Usage: pnpm setup:org --name <organisation> --admin-email <email> --admin-name <name>
                      [--time-zone ${DEFAULT_ORGANIZATION_SETTINGS.timeZone}] [--currency ${DEFAULT_ORGANIZATION_SETTINGS.currency}] [--fiscal-year-start 1]
The admin's password comes from ADMIN_PASSWORD, or is asked for when run in a terminal.`

export class UsageError extends Error {}

const OPTION_OF: Record<string, string> = {
  'organization.name': '--name',
  'organization.timeZone': '--time-zone',
  'organization.currency': '--currency',
  'organization.fiscalYearStartMonth': '--fiscal-year-start',
  'admin.name': '--admin-name',
  'admin.email': '--admin-email',
  'admin.password': 'the password (ADMIN_PASSWORD)',
}

export type SetupOrgArgs = Omit<SetupBody, 'admin'> & { admin: Omit<SetupBody['admin'], 'password'> }

/** argv (without node and the script) → the organisation and admin; UsageError naming the option otherwise. */
export function parseSetupOrgArgs(argv: string[]): SetupOrgArgs {
  let values
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        name: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
        'time-zone': { type: 'string', default: DEFAULT_ORGANIZATION_SETTINGS.timeZone },
        currency: { type: 'string', default: DEFAULT_ORGANIZATION_SETTINGS.currency },
        'fiscal-year-start': { type: 'string', default: String(DEFAULT_ORGANIZATION_SETTINGS.fiscalYearStartMonth) },
      },
    }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const missing = (['name', 'admin-email', 'admin-name'] as const).filter((option) => values[option] === undefined)
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((option) => `--${option}`).join(', ')}`)
  const month = values['fiscal-year-start']
  const organization = checked(SetupOrganization, 'organization', {
    name: values.name,
    timeZone: values['time-zone'],
    currency: values.currency,
    fiscalYearStartMonth: /^\d+$/.test(month) ? Number(month) : month,
  })
  const admin = checked(SetupAdmin.omit({ password: true }), 'admin', {
    name: values['admin-name'],
    email: values['admin-email'],
  })
  return { organization, admin }
}

/** The password with the rules of POST /api/setup. */
export function checkedPassword(password: string): string {
  return checked(SetupAdmin.shape.password, 'admin.password', password)
}

function checked<T>(
  schema: {
    safeParse(
      input: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }
  },
  prefix: string,
  input: unknown,
): T {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const key = [prefix, ...issue.path.map(String)].join('.')
    return `${OPTION_OF[key] ?? key}: ${issue.message}`
  })
  throw new UsageError(problems.join('\n'))
}
