import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody, versionConflictBody } from '@kpi/contract/errors'
import {
  CreateProductBody,
  DeleteProductQuery,
  ProductList,
  ProductOut,
  ProductParams,
  ProductResponse,
  UpdateProductBody,
} from '@kpi/contract/products'
import { handleVersionConflicts } from '../settings/version-conflict.ts'
import { createProduct, deleteProduct, getProduct, listProducts, updateProduct } from './products.db.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
// A stale version answers the product as stored now (version_conflict); a taken name or a product in use is a
// plain conflict.
const versionedErrors = { ...errors, 409: z.union([versionConflictBody(ProductOut), ErrorBody]) }

export const productRoutes: FastifyPluginAsyncZod = async (app) => {
  handleVersionConflicts(app)
  app.get(
    '/products',
    {
      schema: {
        summary: 'The product catalogue, by name (everyone signed in: the product split names them)',
        tags: ['products'],
        response: { 200: ProductList, 401: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request) => ({ products: await listProducts(app.store.pool, request.user.organizationId) }),
  )

  app.get(
    '/products/:id',
    {
      schema: {
        summary: 'One product',
        tags: ['products'],
        params: ProductParams,
        response: { 200: ProductResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request) => ({
      product: await getProduct(app.store.pool, request.user.organizationId, request.params.id),
    }),
  )

  app.post(
    '/products',
    {
      schema: {
        summary: 'Add a product (admin); names and aliases are unique per organisation, case-insensitively',
        tags: ['products'],
        body: CreateProductBody,
        response: { 201: ProductResponse, ...errors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      const product = await createProduct(app.store.pool, request.user, request.body)
      return reply.code(201).send({ product })
    },
  )

  app.patch(
    '/products/:id',
    {
      schema: {
        summary: 'Change a product (admin); needs the current version; `aliases` replaces the list',
        tags: ['products'],
        params: ProductParams,
        body: UpdateProductBody,
        response: { 200: ProductResponse, ...versionedErrors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request) => ({
      product: await updateProduct(app.store.pool, request.user, request.params.id, request.body),
    }),
  )

  app.delete(
    '/products/:id',
    {
      schema: {
        summary: 'Delete a product no deal names (admin); one in use answers 409 with the number of deals',
        tags: ['products'],
        params: ProductParams,
        querystring: DeleteProductQuery,
        response: { 204: z.null(), ...versionedErrors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      await deleteProduct(app.store.pool, request.user, request.params.id, request.query.version)
      return reply.code(204).send(null)
    },
  )
}
