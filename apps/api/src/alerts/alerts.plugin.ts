import fp from 'fastify-plugin'
import { startAlertScheduler, type AlertOptions, type AlertScheduler } from './scheduler.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The background alert scheduler; null when the app was built without alerts (most tests). */
    alerts: AlertScheduler | null
  }
}

/**
 * Starts alert detection in the background: after every committed change to what the KPIs read (the data-version
 * trigger's NOTIFY, whoever wrote: records, imports, settings, targets, thresholds, layout, another replica), on a
 * schedule, and once at start; stops with the app, waiting for running jobs. Read routes never trigger it.
 */
export const alertsPlugin = fp<{ options: AlertOptions | false }>(
  async (app, { options }) => {
    if (options === false) {
      app.decorate('alerts', null)
      return
    }
    const scheduler = await startAlertScheduler(app.store, app.log, options)
    app.decorate('alerts', scheduler)
    app.addHook('onClose', () => scheduler.close())
  },
  { name: 'alerts', dependencies: ['store'] },
)
