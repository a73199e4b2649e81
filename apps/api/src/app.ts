import Fastify from 'fastify'
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { alertsPlugin } from './alerts/alerts.plugin.ts'
import type { AlertOptions } from './alerts/scheduler.ts'
import type { Config } from './config.ts'
import { digestsPlugin, type DigestOptions } from './digests/digests.plugin.ts'
import { answerCachePlugin } from './kpi/answer-cache.plugin.ts'
import { kpiReadsPlugin } from './read-replica/kpi-reads.plugin.ts'
import { authGatePlugin } from './plugins/auth.ts'
import { drainPlugin } from './plugins/drain.ts'
import { errorsPlugin, sendNotFound } from './plugins/errors.ts'
import { mailPlugin, type MailWorkerOptions } from './mail/mail.plugin.ts'
import { csrfPlugin } from './plugins/csrf.ts'
import { clientErrorHandler, httpProtocolPlugin, refuseRepeatedQuery } from './plugins/http-protocol.ts'
import { openapiPlugin } from './plugins/openapi.ts'
import { rateLimitPlugin } from './plugins/rate-limit.ts'
import { securityHeadersPlugin } from './plugins/security-headers.ts'
import { twoFactorGatePlugin } from './plugins/two-factor-gate.ts'
import { sessionPlugin } from './plugins/session.ts'
import { storePlugin, type AppStore } from './plugins/store.ts'
import { validatorCompiler } from './plugins/validator.ts'
import { webPlugin } from './plugins/web.ts'
import { activityRoutes } from './routes/activities/activities.routes.ts'
import { costRoutes } from './routes/costs/costs.routes.ts'
import { customerRoutes } from './routes/customers/customers.routes.ts'
import { dealRoutes } from './routes/deals/deals.routes.ts'
import { exportRoutes } from './routes/export/export.routes.ts'
import { kpiBreakdownExportRoutes } from './routes/export/kpi-breakdown.routes.ts'
import { kpiRecordsExportRoutes } from './routes/export/kpi-records.routes.ts'
import { importRoutes } from './routes/import/import.routes.ts'
import { leadRoutes } from './routes/leads/leads.routes.ts'
import { surveyRoutes } from './routes/surveys/surveys.routes.ts'
import { authRoutes } from './routes/auth/auth.routes.ts'
import { oidcRoutes } from './routes/auth/oidc.routes.ts'
import { healthRoutes } from './routes/health/health.routes.ts'
import { dashboardRoutes } from './routes/dashboard/dashboard.routes.ts'
import { kpiRoutes } from './routes/kpis/kpis.routes.ts'
import { layoutRoutes } from './routes/layout/layout.routes.ts'
import { settingsRoutes } from './routes/settings/settings.routes.ts'
import { targetRoutes } from './routes/targets/targets.routes.ts'
import { thresholdRoutes } from './routes/thresholds/thresholds.routes.ts'
import { passwordResetRoutes } from './routes/password-reset/password-reset.routes.ts'
import { meRoutes } from './routes/me/me.routes.ts'
import { setupRoutes } from './routes/setup/setup.routes.ts'
import { twoFactorRoutes } from './routes/me/two-factor.routes.ts'
import { notificationRoutes } from './routes/notifications/notifications.routes.ts'
import { regionsRoutes } from './routes/regions/regions.routes.ts'
import { teamsRoutes } from './routes/teams/teams.routes.ts'
import { productRoutes } from './routes/products/products.routes.ts'
import { usersRoutes } from './routes/users/users.routes.ts'
import { invitationRoutes } from './routes/invitations/invitations.routes.ts'
import { mailRoutes } from './routes/mail/mail.routes.ts'
import { webhookRoutes } from './routes/webhooks/webhooks.routes.ts'
import { digestRoutes } from './routes/digests/digests.routes.ts'
import { meDigestRoutes } from './routes/me/digest.routes.ts'

const loggerRedactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'body.password',
  'req.body.password',
  'body.code',
  'req.body.code',
]

export type BuildAppOptions = {
  config: Config
  store: AppStore
  /** Background alert detection and webhook delivery (server.ts turns it on; tests opt in). Default off. */
  alerts?: AlertOptions | false
  /** The e-mail worker (server.ts turns it on; tests that check delivery opt in). Default off: mail is only queued. */
  mail?: MailWorkerOptions | false
  /** Scheduled digests' worker (server.ts turns it on). Default off: the routes work, nothing runs by itself. */
  digests?: DigestOptions | false
}

/**
 * The whole HTTP application, ready to `inject` or `listen` — but it never listens itself (server.ts does), so
 * tests build as many apps as they like. Order matters: compilers and error handling first, third-party plugins
 * (OpenAPI must see every route), then our routes under /api, then the web app that answers everything else.
 */
export async function buildApp({ config, store, alerts = false, mail = false, digests = false }: BuildAppOptions) {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : // Never log secrets, even at debug level or from a serializer someone adds later.
          { level: config.logLevel, redact: { paths: loggerRedactPaths, censor: '[redacted]' } },
    // Without a proxy in front, a client that trickles its request must not hold a socket forever.
    requestTimeout: 30_000,
    clientErrorHandler: clientErrorHandler(config.nodeEnv === 'production'),
    // Behind a reverse proxy: request.ip (login limits, sessions) and request.protocol come from X-Forwarded-*.
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  await app.register(errorsPlugin)
  await app.register(httpProtocolPlugin)
  await app.register(drainPlugin)
  await app.register(securityHeadersPlugin, { production: config.nodeEnv === 'production' })
  await app.register(storePlugin, { store })
  await app.register(sessionPlugin)
  await app.register(openapiPlugin)
  const egress = { allowPrivateHosts: config.webhookAllowPrivateHosts }
  await app.register(alertsPlugin, {
    options: alerts === false ? false : { egress, publicUrl: config.publicUrl, ...alerts },
  })
  await app.register(mailPlugin, { config: config.mail, worker: mail })
  await app.register(digestsPlugin, { options: digests, publicUrl: config.publicUrl })
  await app.register(answerCachePlugin, { maxEntries: config.kpiCacheEntries, maxBytes: config.kpiCacheMaxBytes })
  await app.register(kpiReadsPlugin, { maxWaitMs: config.readReplicaMaxWaitMs })

  await app.register(
    async (api) => {
      api.setNotFoundHandler(sendNotFound)
      api.addHook('preValidation', refuseRepeatedQuery)
      // CSRF and the auth gate first: they cover every route registered in this scope after them.
      await api.register(csrfPlugin)
      await api.register(authGatePlugin, { publicRoutes: ['GET /api/health'] })
      await api.register(twoFactorGatePlugin)
      await api.register(rateLimitPlugin, { limits: config.rateLimits })
      await api.register(healthRoutes)
      await api.register(authRoutes, { production: config.nodeEnv === 'production' })
      await api.register(oidcRoutes, { config })
      await api.register(meRoutes, { production: config.nodeEnv === 'production' })
      await api.register(setupRoutes, { production: config.nodeEnv === 'production' })
      await api.register(twoFactorRoutes)
      await api.register(passwordResetRoutes, {
        production: config.nodeEnv === 'production',
        publicUrl: config.publicUrl,
      })
      await api.register(usersRoutes)
      await api.register(invitationRoutes, {
        publicUrl: config.publicUrl,
        production: config.nodeEnv === 'production',
      })
      await api.register(teamsRoutes)
      await api.register(regionsRoutes)
      await api.register(productRoutes)
      await api.register(leadRoutes, { prefix: '/leads' })
      await api.register(dealRoutes, { prefix: '/deals' })
      await api.register(customerRoutes, { prefix: '/customers' })
      await api.register(activityRoutes, { prefix: '/activities' })
      await api.register(costRoutes, { prefix: '/costs' })
      await api.register(surveyRoutes, { prefix: '/surveys' })
      await api.register(importRoutes)
      await api.register(exportRoutes)
      await api.register(kpiBreakdownExportRoutes)
      await api.register(kpiRecordsExportRoutes)
      await api.register(thresholdRoutes)
      await api.register(layoutRoutes)
      await api.register(settingsRoutes)
      await api.register(targetRoutes)
      await api.register(dashboardRoutes)
      await api.register(kpiRoutes)
      await api.register(notificationRoutes)
      await api.register(mailRoutes)
      await api.register(webhookRoutes, { egress, publicUrl: config.publicUrl })
      await api.register(meDigestRoutes)
      await api.register(digestRoutes)
    },
    { prefix: '/api' },
  )

  await app.register(webPlugin, { distDir: config.webDistDir })
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
