import swagger, { type SwaggerTransformObject } from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '@kpi/contract/errors'

// The OpenAPI document is generated from the routes' zod schemas, so it cannot drift from what is validated.
// Registered before the routes: @fastify/swagger collects routes through an onRoute hook.

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
type Operation = { responses?: Record<string, unknown> }

/**
 * Every operation can fail in the one error shape (plugins/errors.ts), so the document says so once: an `Error`
 * component and a `default` response on each operation that does not describe its errors itself.
 */
const withErrorShape: SwaggerTransformObject = (document) => {
  const spec = jsonSchemaTransformObject(document) as {
    components?: { schemas?: Record<string, unknown> }
    paths?: Record<string, Partial<Record<(typeof methods)[number], Operation>>>
  }
  spec.components = {
    ...spec.components,
    schemas: { ...spec.components?.schemas, Error: z.toJSONSchema(ErrorBody, { target: 'draft-2020-12' }) },
  }
  for (const pathItem of Object.values(spec.paths ?? {})) {
    for (const method of methods) {
      const operation = pathItem[method]
      if (operation === undefined) continue
      operation.responses = {
        default: {
          description: 'Error: { error, message, field? }',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        ...operation.responses,
      }
    }
  }
  return spec as ReturnType<SwaggerTransformObject>
}

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
      transformObject: withErrorShape,
    })
    // Swagger UI ships its assets inside the npm package, so the docs page works offline.
    await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } })
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
