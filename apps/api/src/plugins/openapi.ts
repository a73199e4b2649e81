import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

// The OpenAPI document is generated from the routes' zod schemas, so it cannot drift from what is validated.
// Registered before the routes: @fastify/swagger collects routes through an onRoute hook.
export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Sales KPI dashboard API',
          description: 'KPIs, targets, thresholds and their data. Every error answers { error, message, field? }.',
          version: '0.1.0',
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    })
    // Swagger UI ships its assets inside the npm package, so the docs page works offline.
    await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } })
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
