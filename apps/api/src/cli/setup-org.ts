import { createInterface } from 'node:readline/promises'
import { OrganizationConflict, createOrganization } from '@kpi/db/organization/create-organization'
import { hashPassword } from '@kpi/db/passwords'
import { openStore } from '@kpi/db/store'
import { normaliseEmail } from '../auth/login-limit.db.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { USAGE, UsageError, checkedPassword, parseSetupOrgArgs } from './setup-org-options.ts'

// `pnpm setup:org --name … --admin-email … --admin-name …` (production image: `node apps/api/dist/setup-org.mjs …`):
// creates an organisation with the defaults every organisation gets and its first admin, in the database the API
// uses (DATABASE_URL, or the embedded store under DATA_DIR), migrating first. Unlike the web's first-run setup it
// may add further organisations: an operator hosting several creates each one this way.
// ADMIN_PASSWORD is read here, beside the environment the API's config reads: it is this command's input only.

async function askHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  // Echo nothing while the password is typed: readline writes each key through _writeToOutput.
  const output = rl as unknown as { _writeToOutput: (text: string) => void }
  process.stdout.write(question)
  output._writeToOutput = () => undefined
  try {
    return await rl.question('')
  } finally {
    rl.close()
    process.stdout.write('\n')
  }
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD
  if (fromEnv) return checkedPassword(fromEnv)
  if (!process.stdin.isTTY)
    throw new UsageError('no password: set ADMIN_PASSWORD, or run the command in a terminal to be asked for it')
  const password = checkedPassword(await askHidden('Password for the admin: '))
  if ((await askHidden('The same password again: ')) !== password) throw new UsageError('the passwords differ')
  return password
}

async function main(): Promise<void> {
  const args = parseSetupOrgArgs(process.argv.slice(2))
  const passwordHash = await hashPassword(await readPassword())
  const config = loadConfig()
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const email = normaliseEmail(args.admin.email)
    const created = await createOrganization(store.pool, {
      organization: args.organization,
      admin: { name: args.admin.name, email, passwordHash },
      onlyIfFirst: false,
    })
    const where = store.embedded ? `the embedded store in ${config.dataDir}` : 'DATABASE_URL'
    const { name, timeZone, currency, fiscalYearStartMonth } = args.organization
    console.log(
      `Created organisation "${name}" (id ${created!.organizationId}, slug ${created!.slug}) in ${where}:\n` +
        `  time zone ${timeZone}, currency ${currency}, fiscal year from month ${fiscalYearStartMonth}\n` +
        `  admin ${args.admin.name} <${email}> (user id ${created!.adminId})\n` +
        `Sign in at ${config.publicUrl}`,
    )
  } finally {
    await store.close()
  }
}

try {
  await main()
} catch (error) {
  if (error instanceof UsageError) console.error(`setup:org: ${error.message}\n\n${USAGE}`)
  else if (error instanceof OrganizationConflict || error instanceof ConfigError)
    console.error(`setup:org: ${error.message}`)
  else console.error('setup:org failed:', error instanceof Error ? error.message : error)
  // Explicitly: the embedded store's exit hook (async-exit-hook) would otherwise end the process with 0.
  process.exit(1)
}
