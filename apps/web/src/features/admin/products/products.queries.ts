import { queryOptions } from '@tanstack/react-query'
import { getJson, sendJson } from '../../../lib/http.ts'
import { ProductList, ProductResponse } from '@kpi/contract/products'

export const productQueries = {
  all: () => ['products'] as const,
  list: () =>
    queryOptions({
      queryKey: productQueries.all(),
      queryFn: ({ signal }) => getJson('/api/products', ProductList, signal),
    }),
}

export type ProductDraft = { name: string; category: string; listPrice: string | null; aliases: string[] }

export const createProduct = (body: ProductDraft) => sendJson('POST', '/api/products', body, ProductResponse)
export const updateProduct = (id: number, body: ProductDraft & { version: number }) =>
  sendJson('PATCH', `/api/products/${id}`, body, ProductResponse)
export const deleteProduct = (id: number, version: number) =>
  sendJson('DELETE', `/api/products/${id}?version=${version}`)
