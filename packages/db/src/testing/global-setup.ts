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
  const dir = await mkdtemp(join(tmpdir(), 'kpi-test-pg-'))
  // mkdtemp makes the folder 0700; the server runs as the unprivileged `postgres` user and must enter it.
  await chmod(dir, 0o755)
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true })
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`)
    await admin.end()
    const templateUrl = new URL(server.adminUrl)
    templateUrl.pathname = `/${TEMPLATE_DATABASE}`
    await migrate(templateUrl.toString())
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
