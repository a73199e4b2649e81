// Test infrastructure for every package that touches PostgreSQL.
//
// Use it from a package's vitest.config.ts:
//     test: { globalSetup: ['../../packages/db/src/testing/global-setup.ts'] }
// and in a test file:
//     await using db = await createTestDatabase()   // from '@kpi/db/testing/test-database'
//     await db.prisma.organization.create(...)      // or db.pool.query(...)
//
// This setup starts ONE embedded PostgreSQL for the test run in a temporary directory (fsync off: the data
// is disposable), creates and migrates a template database, and provides `pgAdminUrl` and
// `pgTemplateDatabase` to the tests. createTestDatabase() copies the template (CREATE DATABASE … TEMPLATE,
// a file copy, ~tens of ms) so each test file gets its own migrated database and tests never share rows.
// On teardown the cluster is stopped and its directory deleted.
//
// TEST_PG_ADMIN_URL=postgresql://user:pw@host:5432/postgres runs the same tests against an existing server
// (e.g. the docker-compose Postgres) instead: a superuser url; the template and test databases are created
// there and the template is dropped on teardown.
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from '../embedded.ts'
import { migrate } from '../migrator.ts'
import type {} from './vitest-context.ts'

const TEMPLATE_DATABASE = 'kpi_template'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_PG_ADMIN_URL
  if (external) return setupExternal(project, external)
  const dir = await mkdtemp(join(tmpdir(), 'kpi-test-pg-'))
  // mkdtemp makes the folder 0700; the server runs as the unprivileged `postgres` user and must enter it.
  await chmod(dir, 0o755)
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true })
  try {
    await createTemplate(server.adminUrl, TEMPLATE_DATABASE)
  } catch (error) {
    await server.stop()
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  project.provide('pgAdminUrl', server.adminUrl)
  project.provide('pgTemplateDatabase', TEMPLATE_DATABASE)
  return async () => {
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

async function setupExternal(project: TestProject, adminUrl: string): Promise<() => Promise<void>> {
  // A per-run name, so two runs against one shared server do not fight over the template.
  const template = `${TEMPLATE_DATABASE}_${process.pid}`
  await createTemplate(adminUrl, template)
  project.provide('pgAdminUrl', adminUrl)
  project.provide('pgTemplateDatabase', template)
  return () => admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`))
}

/** Creates `name` and migrates it; afterwards nothing stays connected, as CREATE DATABASE … TEMPLATE requires. */
async function createTemplate(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${name}`)
  })
  const templateUrl = new URL(adminUrl)
  templateUrl.pathname = `/${name}`
  await migrate(templateUrl.toString())
}

async function admin(adminUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}
