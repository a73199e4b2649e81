import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { verifyPassword } from '@kpi/db/passwords'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { repoRoot } from '../config.ts'

// The real `pnpm setup:org` command (its script, as package.json runs it) as a child process against a test
// database. Organisations are named per test, so the tests share one database without depending on each other.

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

type Run = { code: number; stdout: string; stderr: string }

async function setupOrg(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const script = path.join(repoRoot, 'apps/api/src/cli/setup-org.ts')
  const childEnv = { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, LOG_LEVEL: 'silent', ...env }
  try {
    // stdin is not a terminal here: without ADMIN_PASSWORD the command must refuse rather than wait.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], {
      env: childEnv,
      cwd: repoRoot,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

const required = (name: string, email = 'ops@example.test') => [
  '--name',
  name,
  '--admin-email',
  email,
  '--admin-name',
  'Olga Ops',
]

describe('pnpm setup:org', () => {
  test('creates the organisation with its admin and defaults, and says what it created', async () => {
    const run = await setupOrg(
      [...required('Northwind Traders', 'Olga@Northwind.TEST'), '--time-zone', 'Asia/Tokyo', '--currency', 'JPY'],
      { ADMIN_PASSWORD: 'a long admin password' },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const { rows } = await db.pool.query(
      `SELECT o.id, o.slug, o.time_zone, o.currency, o.fiscal_year_start_month, u.id AS admin_id, u.email, u.name,
              u.role, u.password_hash, (SELECT count(*)::int FROM thresholds t WHERE t.organization_id = o.id) AS thresholds
         FROM organizations o JOIN users u ON u.organization_id = o.id WHERE o.name = 'Northwind Traders'`,
    )
    const row = rows[0]
    expect(row).toMatchObject({
      slug: 'northwind-traders',
      time_zone: 'Asia/Tokyo',
      currency: 'JPY',
      fiscal_year_start_month: 1,
      email: 'olga@northwind.test',
      name: 'Olga Ops',
      role: 'ADMIN',
    })
    expect(row.thresholds).toBeGreaterThan(0)
    expect(await verifyPassword('a long admin password', row.password_hash)).toBe(true)
    expect(run.stdout).toBe(
      `Created organisation "Northwind Traders" (id ${row.id}, slug northwind-traders) in DATABASE_URL:\n` +
        `  time zone Asia/Tokyo, currency JPY, fiscal year from month 1\n` +
        `  admin Olga Ops <olga@northwind.test> (user id ${row.admin_id})\n` +
        `Sign in at http://localhost:3000\n`,
    )
  })

  test('another organisation beside it; the same one again is refused, exit 1', async () => {
    const env = { ADMIN_PASSWORD: 'a long admin password' }
    expect((await setupOrg(required('Contoso'), env)).code).toBe(0)
    expect((await setupOrg([...required('Fabrikam'), '--fiscal-year-start', '7'], env)).code).toBe(0)
    const again = await setupOrg(required('Contoso'), env)
    expect(again).toMatchObject({ code: 1, stdout: '' })
    expect(again.stderr).toMatch(
      /^setup:org: ops@example.test is already an account of organisation "Contoso" \(id \d+\): nothing created\n$/,
    )
    const { rows } = await db.pool.query(
      `SELECT name, fiscal_year_start_month FROM organizations WHERE name IN ('Contoso', 'Fabrikam') ORDER BY name`,
    )
    expect(rows).toEqual([
      { name: 'Contoso', fiscal_year_start_month: 1 },
      { name: 'Fabrikam', fiscal_year_start_month: 7 },
    ])
  })

  test.each([
    {
      why: 'no password and no terminal',
      args: required('Acme 1'),
      env: {} as Record<string, string>,
      says: 'no password: set ADMIN_PASSWORD',
    },
    {
      why: 'a short password',
      args: required('Acme 2'),
      env: { ADMIN_PASSWORD: 'short' },
      says: 'the password (ADMIN_PASSWORD): must be at least 8 characters',
    },
    {
      why: 'a missing option',
      args: ['--name', 'Acme 3'],
      env: { ADMIN_PASSWORD: 'long enough' },
      says: 'missing --admin-email, --admin-name',
    },
    {
      why: 'an unknown time zone',
      args: [...required('Acme 4'), '--time-zone', 'Europe/Atlantis'],
      env: { ADMIN_PASSWORD: 'long enough' },
      says: '--time-zone: not an IANA time zone',
    },
    {
      why: 'an unknown currency',
      args: [...required('Acme 5'), '--currency', 'ABC'],
      env: { ADMIN_PASSWORD: 'long enough' },
      says: '--currency: not an ISO 4217 currency',
    },
    {
      why: 'month 13',
      args: [...required('Acme 6'), '--fiscal-year-start', '13'],
      env: { ADMIN_PASSWORD: 'long enough' },
      says: '--fiscal-year-start: Too big',
    },
    {
      why: 'a bad email',
      args: required('Acme 7', 'not-an-email'),
      env: { ADMIN_PASSWORD: 'long enough' },
      says: '--admin-email: Invalid email',
    },
    {
      why: 'an unknown option',
      args: [...required('Acme 8'), '--colour', 'red'],
      env: { ADMIN_PASSWORD: 'long enough' },
      says: "Unknown option '--colour'",
    },
  ])('$why: exit 1, says so, creates nothing', async ({ args, env, says }) => {
    const run = await setupOrg(args, env)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(says)
    expect(run.stderr).toContain('Usage: pnpm setup:org')
    expect((await db.pool.query(`SELECT 1 FROM organizations WHERE name LIKE 'Acme %'`)).rows).toEqual([])
  })
})
