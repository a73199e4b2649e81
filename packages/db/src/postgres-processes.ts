import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

// Process bookkeeping for the embedded store: who holds a data directory, is a pid still a postgres, and
// which postgres processes serve a given data directory. Linux reads /proc; elsewhere we trust `kill -0`.

/**
 * True when a process with this pid exists and is not a zombie (EPERM means it exists but belongs to someone
 * else). Zombies count as dead: in a container whose init does not reap, a killed orphan stays a zombie.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  try {
    // /proc/<pid>/stat is "pid (comm) state ..."; comm may contain spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return existsSync('/proc/self') ? false : true
  }
}

/** True when the pid is a live postgres server process (not some unrelated process that reused the pid). */
export function isLivePostgres(pid: number): boolean {
  if (!isAlive(pid)) return false
  const comm = `/proc/${pid}/comm`
  if (!existsSync('/proc/self')) return true
  try {
    return readFileSync(comm, 'utf8').trim().startsWith('postgres')
  } catch {
    return false
  }
}

/** The postmaster pid recorded in `<dataDir>/postmaster.pid` (first line), or undefined when there is none. */
export function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0] ?? '', 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * Pids of postmasters started with `-D <dataDir>` (Linux only; empty elsewhere). Used to prove that nothing
 * is left running after a stop or a crash. A freshly forked backend still shows its parent's command line
 * until it renames itself, so processes whose parent also matches are left out.
 */
export function findPostmasters(dataDir: string): number[] {
  if (!existsSync('/proc/self')) return []
  const needle = `-D\0${dataDir}\0`
  const parents = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle) || !isAlive(Number(entry))) continue
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // The process exited while we were looking.
    }
  }
  return [...parents].filter(([, parent]) => !parents.has(parent)).map(([pid]) => pid)
}

/** Polls until the pid is gone; returns false if it is still alive after `waitMs`. */
export async function waitForExit(pid: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false
    await sleep(50)
  }
  return true
}
