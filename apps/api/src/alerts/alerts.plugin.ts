import fp from 'fastify-plugin'
import { recordChanges, type RecordsChanged } from '../records/changes.ts'
import { startAlertScheduler, type AlertOptions, type AlertScheduler } from './scheduler.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The background alert scheduler; null when the app was built without alerts (most tests). */
    alerts: AlertScheduler | null
  }
}

/** Writes that can change a KPI's colour without touching the records: targets, thresholds, settings, layout. */
const SETTING_ROUTES = /^\/api\/(targets|thresholds|settings|layout)(\/|$)/

/**
 * Starts alert detection in the background: debounced after every record write or import (records/changes.ts)
 * and after target/threshold/settings changes (an onResponse hook, so it runs after the answer is sent), on a
 * schedule, and once at start; stops with the app. Read routes never trigger it.
 */
export const alertsPlugin = fp<{ options: AlertOptions | false }>(
  async (app, { options }) => {
    if (options === false) {
      app.decorate('alerts', null)
      return
    }
    const scheduler = startAlertScheduler(app.store, app.log, options)
    app.decorate('alerts', scheduler)
    const onChange = (change: RecordsChanged) => scheduler.request(change.organizationId)
    recordChanges.on('changed', onChange)

    app.addHook('onResponse', async (request, reply) => {
      if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 300) return
      if (!SETTING_ROUTES.test(request.routeOptions.url ?? '')) return
      const user = (request as { user?: { organizationId: number } }).user
      if (user) scheduler.request(user.organizationId)
    })

    app.addHook('onClose', async () => {
      recordChanges.off('changed', onChange)
      await scheduler.close()
    })
  },
  { name: 'alerts', dependencies: ['store'] },
)
