import type pg from 'pg'
import { HOLD_CHANNEL } from './hold.ts'

/** NOTIFYed by the data-version trigger at every commit that changed what the KPIs read (payload: organisation id). */
export const DATA_CHANGED_CHANNEL = 'kpi_data_changed'

type Log = { error: (obj: object, message: string) => void }

export type DataChangeHandlers = {
  /** An organisation's data changed (records, import, settings, targets, thresholds, layout — any writer). */
  changed: (organizationId: number) => void
  /** Some process took the import hold. */
  held: () => void
  /** Listening again after a drop: notices sent meanwhile are lost, so whatever they would have started. */
  reconnected: () => void
}

/**
 * The one change notification: a LISTEN connection per process, kept open (and reopened after a drop) until
 * the returned close. Handlers only schedule work; they run on the connection's event loop turn.
 */
export type DataChangeListener = {
  /** Resolves once every notice of a commit made before this call has been handed to its handler (tests). */
  caughtUp: () => Promise<void>
  close: () => Promise<void>
}

export function listenForDataChanges(pool: pg.Pool, log: Log, on: DataChangeHandlers): DataChangeListener {
  let client: pg.PoolClient | null = null
  let closed = false
  let retry: NodeJS.Timeout | undefined
  let connectedBefore = false

  const onNotification = ({ channel, payload }: pg.Notification) => {
    if (channel === DATA_CHANGED_CHANNEL) on.changed(Number(payload))
    else if (channel === HOLD_CHANNEL) on.held()
  }

  /** Gives a connection back once: a dropped connection can report its error again after close released it. */
  const released = new WeakSet<pg.PoolClient>()
  const release = (connection: pg.PoolClient, error?: Error) => {
    if (released.has(connection)) return
    released.add(connection)
    connection.off('notification', onNotification)
    connection.release(error)
  }

  /** One reconnection at a time, however many ways the connection reported its loss. */
  const reconnectSoon = () => {
    if (closed || retry !== undefined) return
    retry = setTimeout(() => {
      retry = undefined
      void connect()
    }, 1_000).unref()
  }

  const connect = async () => {
    let next: pg.PoolClient | undefined
    try {
      next = await pool.connect()
      const connection = next
      connection.on('notification', onNotification)
      connection.on('error', (error) => {
        if (released.has(connection)) return // the pool's own idle handler has it now
        log.error({ err: error }, 'alerts: change listener lost its connection')
        release(connection, error)
        if (client === connection) client = null
        reconnectSoon()
      })
      await connection.query(`LISTEN ${DATA_CHANGED_CHANNEL}; LISTEN ${HOLD_CHANNEL}`)
      if (closed) return release(connection)
      client = connection
      if (connectedBefore) on.reconnected()
      connectedBefore = true
    } catch (error) {
      log.error({ err: error }, 'alerts: change listener could not connect')
      if (next) release(next, error as Error)
      reconnectSoon()
    }
  }
  const connecting = connect()

  // PostgreSQL sends pending notices ahead of the answer to the listening session's next query.
  const caughtUp = async () => {
    await connecting
    await client?.query('SELECT 1')
  }

  const close = async () => {
    closed = true
    clearTimeout(retry)
    await connecting
    const last = client
    client = null
    if (!last) return
    await last.query('UNLISTEN *').then(
      () => release(last),
      (error: Error) => release(last, error),
    )
  }
  return { caughtUp, close }
}
