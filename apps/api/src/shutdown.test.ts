import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

// installShutdown in a real process with real signals. The test waits for each printed step before the next
// signal, so nothing depends on timing.

const fixture = path.join(import.meta.dirname, 'testing/shutdown-fixture.ts')

function startFixture(mode: 'drains' | 'hangs', { ipc = false } = {}) {
  const child = spawn(process.execPath, [fixture, mode], {
    stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])],
  })
  let output = ''
  const waiters: { text: string; resolve: () => void }[] = []
  child.stdout!.on('data', (chunk) => {
    output += chunk
    for (const waiter of waiters.filter((w) => output.includes(w.text))) waiter.resolve()
  })
  const printed = (text: string) =>
    new Promise<void>((resolve) => (output.includes(text) ? resolve() : waiters.push({ text, resolve })))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, printed, exited, output: () => output }
}

describe('installShutdown', () => {
  test.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('%s runs close once and exits 0', async (signal) => {
    const fixture = startFixture('drains')
    await fixture.printed('ready')
    fixture.child.kill(signal)
    expect(await fixture.exited).toBe(0)
    expect(fixture.output()).toContain(`closing after ${signal}`)
    expect(fixture.output()).toContain('closed')
  })

  test('a second signal during a hanging close forces exit 1', async () => {
    const fixture = startFixture('hangs')
    await fixture.printed('ready')
    fixture.child.kill('SIGTERM')
    await fixture.printed('closing after SIGTERM')
    fixture.child.kill('SIGINT')
    expect(await fixture.exited).toBe(1)
    expect(fixture.output()).toContain('SIGINT received during shutdown: exiting now')
  })

  test('losing the parent IPC channel shuts down like a signal', async () => {
    const fixture = startFixture('drains', { ipc: true })
    await fixture.printed('ready')
    fixture.child.disconnect()
    expect(await fixture.exited).toBe(0)
    expect(fixture.output()).toContain('closing after parent disconnect')
  })
})
