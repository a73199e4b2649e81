import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from './config.ts'
import { drainPlugin } from './plugins/drain.ts'
import { errorsPlugin, sendNotFound } from './plugins/errors.ts'
import { openapiPlugin } from './plugins/openapi.ts'
import { storePlugin, type AppStore } from './plugins/store.ts'
import { webPlugin } from './plugins/web.ts'
import { healthRoutes } from './routes/health/health.routes.ts'

export type BuildAppOptions = {
  config: Config
  store: AppStore
}

/**
 * The whole HTTP application, ready to `inject` or `listen` — but it never listens itself (server.ts does), so
 * tests build as many apps as they like. Order matters: compilers and error handling first, third-party plugins
 * (OpenAPI must see every route), then our routes under /api, then the web app that answers everything else.
 */
export async function buildApp({ config, store }: BuildAppOptions) {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Without a proxy in front, a client that trickles its request must not hold a socket forever.
    requestTimeout: 30_000,
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  await app.register(errorsPlugin)
  await app.register(drainPlugin)
  await app.register(storePlugin, { store })
  await app.register(openapiPlugin)

  await app.register(
    async (api) => {
      api.setNotFoundHandler(sendNotFound)
      await api.register(healthRoutes)
    },
    { prefix: '/api' },
  )

  await app.register(webPlugin, { distDir: config.webDistDir })
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
