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

  const connect = async () => {
    try {
      const next = await pool.connect()
      next.on('notification', onNotification)
      next.on('error', (error) => {
        log.error({ err: error }, 'alerts: change listener lost its connection')
        next.release(error)
        if (client === next) client = null
        if (!closed) retry = setTimeout(() => void connect(), 1_000).unref()
      })
      await next.query(`LISTEN ${DATA_CHANGED_CHANNEL}; LISTEN ${HOLD_CHANNEL}`)
      if (closed) return next.release()
      client = next
      if (connectedBefore) on.reconnected()
      connectedBefore = true
    } catch (error) {
      log.error({ err: error }, 'alerts: change listener could not connect')
      if (!closed) retry = setTimeout(() => void connect(), 1_000).unref()
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
    last.off('notification', onNotification)
    await last.query('UNLISTEN *').then(
      () => last.release(),
      (error: Error) => last.release(error),
    )
  }
  return { caughtUp, close }
}
