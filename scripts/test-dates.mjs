// `pnpm test:dates [<instant> …] [-- <vitest arguments>]`: the whole suite again, once per date, with the clock
// of the tests, the server and the embedded PostgreSQL (now()) set to that date by libfaketime (Debian's
// faketime); the e2e pages get the same time from Playwright's clock (apps/web/e2e/support/browser.ts). A test that
// only passes on the day it was written fails here, and so does one that only passes after another (each date
// runs the files and tests in its own shuffled order). The clock runs on from the date.
//
// Without arguments it runs the dates where calendar code breaks (SPEC 3: periods in Europe/Amsterdam); an
// argument is any instant Date.parse reads ("2027-03-28T08:00:00Z"); what follows `--` goes to vitest
// (`pnpm test:dates 2027-01-31T23:30:00Z -- --project e2e`). Each date's report goes to
// .tmp/vitest-dates/<date>.json (its e2e screenshots to screenshots-<date>/); the last line sums them:
// "N passed, N failed".

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const reportDir = path.join(repoRoot, '.tmp', 'vitest-dates')

/** Instants in UTC; what each is in Amsterdam says why it is awkward. */
export const AWKWARD_DATES = [
  {
    at: '2027-01-31T23:30:00Z',
    why: '1 February 00:30 in Amsterdam: the 1st of a month (a Monday) while UTC is still in January',
  },
  { at: '2026-12-04T09:00:00Z', why: '4 December 10:00: the first days of a month, the day this suite failed' },
  { at: '2026-12-31T22:30:00Z', why: '31 December 23:30: the last half-hour of the month, quarter and year' },
  { at: '2027-03-28T08:00:00Z', why: '28 March 10:00: the Sunday clocks go forward (a 23-hour day) in its ISO week' },
]

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options })
  return result.status ?? 1
}

function main() {
  const args = process.argv.slice(2)
  const split = args.includes('--') ? args.indexOf('--') : args.length
  const vitestArgs = args.slice(split + 1)
  const known = (at) => AWKWARD_DATES.find((date) => date.at === at)?.why ?? 'asked for'
  const dates = split > 0 ? args.slice(0, split).map((at) => ({ at, why: known(at) })) : AWKWARD_DATES
  for (const { at } of dates) {
    if (Number.isNaN(Date.parse(at))) {
      console.error(`test:dates: "${at}" is not a date (expected e.g. 2027-03-28T08:00:00Z)`)
      process.exit(2)
    }
  }
  if (run('bash', ['scripts/ensure-debian-package.sh', 'faketime', 'faketime']) !== 0) process.exit(1)
  if (run('bash', ['scripts/ensure-debian-package.sh', '/usr/bin/chromium', 'chromium']) !== 0) process.exit(1)
  rmSync(reportDir, { recursive: true, force: true })
  mkdirSync(reportDir, { recursive: true })

  const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')
  const results = []
  for (const { at, why } of dates) {
    const name = at.replace(/[^0-9A-Za-z]/g, '')
    const report = path.join(reportDir, `${name}.json`)
    // An offset rather than an absolute time: every process shifts its own real clock by the same amount, so
    // time runs (timeouts, sessions expiring) and nothing depends on the machine's time zone.
    const offsetSeconds = Math.round((Date.parse(at) - Date.now()) / 1000)
    console.log(`\n::: test:dates ${at} (${why})`)
    const exit = run(
      'faketime',
      [
        '-f',
        `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`,
        process.execPath,
        vitest,
        'run',
        `--outputFile.json=${report}`,
        // In a shuffled order, the seed being the date: a test that needs another to have run first fails here
        // too, and the same date fails the same way again.
        '--sequence.shuffle',
        `--sequence.seed=${name.slice(0, 8)}`,
        ...vitestArgs,
      ],
      {
        // Monotonic clocks stay real: timers and performance.now() keep working as they do on any day.
        // The e2e screenshots of each date go beside its report, not over the README's.
        env: {
          ...process.env,
          FAKETIME_DONT_FAKE_MONOTONIC: '1',
          E2E_SCREENSHOT_DIR: path.join(reportDir, `screenshots-${name}`),
        },
      },
    )
    const counts = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null
    results.push({
      at,
      passed: counts?.numPassedTests ?? 0,
      // A suite that fails to load counts no test but still fails the date.
      failed: (counts?.numFailedTests ?? 0) + (exit !== 0 && !counts?.numFailedTests ? 1 : 0),
    })
  }
  console.log('\n::: test:dates summary')
  for (const r of results) console.log(`${r.at}: ${r.passed} passed, ${r.failed} failed`)
  const passed = results.reduce((sum, r) => sum + r.passed, 0)
  const failed = results.reduce((sum, r) => sum + r.failed, 0)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

main()
