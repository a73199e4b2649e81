import { installShutdown } from '../shutdown.ts'

// A process with nothing but installShutdown, for shutdown.test.ts. argv[2]: 'drains' (close takes a moment,
// then succeeds) or 'hangs' (close never finishes). Every step is printed so the test can follow along.

const mode = process.argv[2]
const keepAlive = setInterval(() => {}, 1000)

installShutdown({
  timeoutMs: 60_000,
  log: (message) => console.log(message),
  close: async (reason) => {
    console.log(`closing after ${reason}`)
    if (mode === 'hangs') return new Promise<void>(() => {})
    await new Promise((resolve) => setTimeout(resolve, 50))
    clearInterval(keepAlive)
    console.log('closed')
  },
})
console.log('ready')
