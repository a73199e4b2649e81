// `pnpm start`: build the web app and bundle the API when either is missing or older than its sources, then run
// the API bundle (which serves the web app). Signals are forwarded and the API's exit code becomes ours.
//
// Why the API runs in its own process group (detached): Ctrl-C in a terminal signals the whole foreground
// group. If the API and its embedded PostgreSQL were in it, PostgreSQL would shut down at the same instant as
// the API starts draining requests, and pnpm's own forwarded copy of the signal would look like a second
// Ctrl-C (= force exit). Detached, only this script receives terminal signals and forwards each once. An IPC
// channel ties the API to this script: if this script dies (even SIGKILL), the API shuts itself down.
//
// SKIP_WEB_BUILD=1 skips the web build check (the API then serves whatever dist holds, or a "run pnpm build"
// page). The API bundle (apps/api/scripts/bundle.mjs, about a second) is always brought up to date.

import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { constants } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const forwardedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP']
// The same Ctrl-C can arrive twice (from the terminal and from pnpm, which forwards it): copies this close
// together count as one. A person pressing Ctrl-C again to force the exit is slower than this.
const duplicateSignalWindowMs = 1000
// How the API process runs, here and in the production image (the Dockerfile's ENV and CMD; its test checks they
// match). Source maps: stack traces in the logs name the TypeScript lines. Memory (SPEC 6: under 300 MB under
// load), measured with `pnpm bench --scale full`: V8's young generation capped at 3 × 8 MB instead of 3 × 16 MB,
// and glibc limited to two malloc arenas instead of one per thread (the arenas' free pages stayed resident): peak
// RSS 331 MB → 305 MB with the arenas alone, 286 MB with both, throughput unchanged. MALLOC_ARENA_MAX set in the
// environment wins.
export const apiNodeOptions = ['--enable-source-maps', '--max-semi-space-size=8']
export const apiEnvDefaults = { MALLOC_ARENA_MAX: '2' }
// Set by the first forwarded signal: a Ctrl-C during the web build means "stop", not "start the API next".
let stopRequested = false

/** Newest modification time (ms) of a file, or of any file under a folder (skipping node_modules and dist). */
export function newestMtimeMs(entry) {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules' || child === 'dist') continue
    newest = Math.max(newest, newestMtimeMs(path.join(entry, child)))
  }
  return newest
}

/**
 * Whether a build output must be (re)made: missing, or any of its sources changed after it was written.
 * `what` names the output in the reason ("the web app").
 */
export function buildState(builtFile, sources, what) {
  if (!existsSync(builtFile)) return { stale: true, reason: `${what} has not been built yet` }
  const builtAtMs = statSync(builtFile).mtimeMs
  const changed = sources.find((source) => newestMtimeMs(source) > builtAtMs)
  if (changed) return { stale: true, reason: `${path.relative(repoRoot, changed)} changed since the last build` }
  return { stale: false, reason: `${what} is up to date` }
}

/**
 * Whether `<webDir>/dist` must be (re)built: missing, or any web source (or a workspace package the web app
 * imports, given as extra source paths) changed after dist/index.html was written.
 */
export function webBuildState(webDir, extraSources = []) {
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json']
    .map((name) => path.join(webDir, name))
    .concat(extraSources)
  return buildState(path.join(webDir, 'dist', 'index.html'), sources, 'the web app')
}

/** Whether the API bundle (apps/api/dist/server.mjs) is older than the API or a workspace package it bundles. */
export function apiBuildState(root = repoRoot) {
  const sources = [
    'apps/api/src',
    'apps/api/package.json',
    'apps/api/scripts',
    'packages/contract/src',
    'packages/db/src',
    'packages/domain/src',
  ]
  return buildState(
    path.join(root, 'apps/api/dist/server.mjs'),
    sources.map((source) => path.join(root, source)),
    'the API',
  )
}

/** The pnpm that runs us (npx pnpm@… puts none on PATH), else the one on PATH. */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm(\.c?js)?$/.test(execPath)) return [process.execPath, [execPath]]
  return ['pnpm', []]
}

/**
 * Runs a child, forwarding our signals to it, and resolves with its exit code. The child gets its own
 * process group so terminal signals reach it only through us; whatever is left in that group when the child
 * ends (an embedded PostgreSQL after a forced exit) is sent a fast-shutdown SIGINT, so no orphan remains.
 */
function run(command, args, options = {}) {
  // On Windows `detached` would open a new console window, and there are no process groups to signal.
  const ownGroup = process.platform !== 'win32'
  const child = spawn(command, args, { cwd: repoRoot, detached: ownGroup, ...options })
  let lastForwardMs = 0
  const forward = (signal) => {
    const nowMs = Date.now()
    if (nowMs - lastForwardMs < duplicateSignalWindowMs) return
    lastForwardMs = nowMs
    stopRequested = true
    child.kill(signal)
  }
  for (const signal of forwardedSignals) process.on(signal, forward)
  // If this script dies of an error, do not leave the child running.
  const killChild = () => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM')
  process.on('exit', killChild)

  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`[start] could not run ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      for (const name of forwardedSignals) process.off(name, forward)
      process.off('exit', killChild)
      try {
        if (ownGroup) process.kill(-child.pid, 'SIGINT')
      } catch {
        // ESRCH: the group is empty, as it should be.
      }
      resolve(code ?? 128 + (constants.signals[signal] ?? 0))
    })
  })
}

async function main() {
  const webDir = path.join(repoRoot, 'apps/web')
  if (process.env.SKIP_WEB_BUILD !== '1') {
    const state = webBuildState(webDir, [
      path.join(repoRoot, 'packages/contract/src'),
      path.join(repoRoot, 'packages/domain/src'),
    ])
    if (state.stale) {
      console.log(`[start] building the web app: ${state.reason}`)
      const [pnpm, pnpmArgs] = pnpmCommand()
      // Always React's production build: Vite builds React's development build when NODE_ENV=development is in
      // the environment (as it is for the e2e server), several times slower to render.
      const env = { ...process.env, NODE_ENV: 'production' }
      const code = await run(pnpm, [...pnpmArgs, '--filter', '@kpi/web', 'build'], { stdio: 'inherit', env })
      if (stopRequested) process.exit(code)
      // The API still starts: it serves the previous bundle, or a page saying to run `pnpm build`.
      if (code !== 0) console.error(`[start] the web build failed (exit ${code}); starting the API anyway`)
    }
  }
  const api = apiBuildState()
  if (api.stale) {
    console.log(`[start] bundling the API: ${api.reason}`)
    const code = await run(process.execPath, [path.join(repoRoot, 'apps/api/scripts/bundle.mjs')], { stdio: 'inherit' })
    if (stopRequested || code !== 0) process.exit(code || 1)
  }
  const serverArgs = [...apiNodeOptions, path.join(repoRoot, 'apps/api/dist/server.mjs')]
  const env = { ...apiEnvDefaults, ...process.env }
  const code = await run(process.execPath, serverArgs, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env })
  process.exit(code)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main()
}
