import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'

// The soak's memory reading, through the API process's own inspector (Chrome DevTools Protocol): RSS sampled at
// an arbitrary instant swings by ±10 % with garbage that is not yet collected, so after each round the soak forces
// a full GC in the API and only then reads process.memoryUsage(). No product code is involved: the API runs with
// NODE_OPTIONS=--inspect=127.0.0.1:0 (loopback, a free port), which start.mjs passes on to it.
//
// The client is Node's own WebSocket (global since Node 22; until the move to Node 24 this took the `ws` package).

/** process.memoryUsage() of the API, in bytes. */
export type MemoryUsage = { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number }

/** What the inspector printed: `Debugger listening on ws://127.0.0.1:<port>/<id>`, one line per node process. */
export function inspectorUrls(output: string): string[] {
  return [...output.matchAll(/Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/g)].map((m) => m[1]!)
}

/** One CDP connection: `send` a method, get its result; `on` an event. */
export class Inspector {
  private nextId = 0
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>()
  private readonly listeners = new Map<string, (params: unknown) => void>()

  private readonly socket: WebSocket

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as {
        id?: number
        result?: unknown
        error?: { message: string }
        method?: string
        params?: unknown
      }
      if (message.id === undefined) {
        if (message.method) this.listeners.get(message.method)?.(message.params)
        return
      }
      const waiting = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (message.error) waiting?.reject(new Error(`inspector: ${message.error.message}`))
      else waiting?.resolve(message.result)
    })
    socket.addEventListener('close', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error('inspector: connection closed'))
      this.pending.clear()
    })
  }

  static async connect(url: string): Promise<Inspector> {
    const socket = new WebSocket(url)
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true })
      socket.addEventListener('error', () => reject(new Error(`inspector: cannot connect to ${url}`)), { once: true })
    })
    return new Inspector(socket)
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject })
      this.socket.send(JSON.stringify({ id, method, params }))
    })
  }

  on(method: string, listener: (params: unknown) => void): void {
    this.listeners.set(method, listener)
  }

  /** Evaluates an expression in the inspected process's main context and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: { value?: unknown }
      exceptionDetails?: { text: string }
    }>('Runtime.evaluate', { expression, returnByValue: true })
    if (exceptionDetails) throw new Error(`inspector: ${expression} threw ${exceptionDetails.text}`)
    return result.value as T
  }

  /** Closes the session: a node process with a session attached waits for it to go before it exits. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return
    const closed = new Promise((resolve) => this.socket.addEventListener('close', resolve, { once: true }))
    this.socket.close()
    await closed
  }
}

/**
 * The inspector URL of the process with this pid. Every node process that inherits NODE_OPTIONS prints one:
 * start.mjs, the API bundler it may run first (gone by now: its port refuses) and the API.
 */
export async function inspectorOf(output: string, pid: number): Promise<string> {
  for (const url of inspectorUrls(output).reverse()) {
    const inspector = await Inspector.connect(url).catch(() => undefined)
    if (!inspector) continue
    try {
      if ((await inspector.evaluate<number>('process.pid')) === pid) return url
    } finally {
      await inspector.close()
    }
  }
  throw new Error(`no inspector of process ${pid} among ${inspectorUrls(output).join(', ') || 'none'}`)
}

/**
 * Full garbage collection, then process.memoryUsage(). Twice: objects with finalizers or weak references only
 * become collectable once a first collection has run their callbacks.
 */
export async function memoryAfterGc(url: string): Promise<MemoryUsage> {
  const inspector = await Inspector.connect(url)
  try {
    await inspector.send('HeapProfiler.collectGarbage')
    await inspector.send('HeapProfiler.collectGarbage')
    return await inspector.evaluate<MemoryUsage>('process.memoryUsage()')
  } finally {
    await inspector.close()
  }
}

/** A heap snapshot of the process (taken after a full GC, as the inspector does) written to `file`. */
export async function writeHeapSnapshot(url: string, file: string): Promise<void> {
  const inspector = await Inspector.connect(url)
  const out = createWriteStream(file)
  try {
    inspector.on('HeapProfiler.addHeapSnapshotChunk', (params) => out.write((params as { chunk: string }).chunk))
    await inspector.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    out.end()
    await finished(out)
    await inspector.close()
  }
}
