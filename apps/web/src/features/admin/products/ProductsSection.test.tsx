import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { renderWithQueries } from '../../../test/render.tsx'
import { notFound, startTestApi, type TestApi, type TestRequest } from '../../../test/test-api.ts'
import { ProductsSection } from './ProductsSection.tsx'
import { ProductList, ProductOut, type ProductOut as Product } from '@kpi/contract/products'

// Maven CRM's catalogue as GET /api/products answers it after its products.csv was imported (checked against the
// contract before use), GTX Pro with the alias its pipeline file uses.
const catalogue = () =>
  ProductList.parse({
    products: [
      { id: 1, externalId: null, name: 'GTX Basic', category: 'GTX', listPrice: '550.00', aliases: [], version: 1 },
      {
        id: 2,
        externalId: 'P-2',
        name: 'GTX Pro',
        category: 'GTX',
        listPrice: '4821.00',
        aliases: ['GTXPro'],
        version: 3,
      },
      { id: 3, externalId: null, name: 'MG Special', category: 'MG', listPrice: '55.00', aliases: [], version: 1 },
    ],
  }).products

let api: TestApi
let products: Product[]
let answers: Partial<Record<string, (request: TestRequest) => { status: number; body?: unknown }>>

beforeEach(async () => {
  products = catalogue()
  answers = {}
  api = await startTestApi((request) => {
    const own = answers[`${request.method} ${request.path}`]
    if (own) return own(request)
    if (request.method === 'GET' && request.path === '/api/products') return { status: 200, body: { products } }
    return notFound(request)
  })
  renderWithQueries(<ProductsSection />)
  await screen.findByRole('heading', { name: '3 products' })
})
afterEach(async () => {
  await api.close()
})

const card = (name: string) => screen.getByText(name, { selector: 'strong' }).closest('li')!

describe('products admin', () => {
  test('lists each product with category, price and aliases; the search also finds an alias', () => {
    expect(within(card('GTX Pro')).getByText('4,821.00')).toBeTruthy()
    expect(within(card('GTX Pro')).getByRole('list', { name: 'Aliases of GTX Pro' }).textContent).toBe('GTXPro')
    fireEvent.change(screen.getByLabelText('Search by name, category or alias'), { target: { value: 'gtxpro' } })
    expect(screen.getByRole('heading', { name: '1 product' })).toBeTruthy()
    expect(screen.queryByText('GTX Basic')).toBeNull()
    fireEvent.change(screen.getByLabelText('Search by name, category or alias'), { target: { value: 'zzz' } })
    expect(screen.getByText('No product matches your search.')).toBeTruthy()
  })

  test('adds a product with an alias chip and a decimal-comma price; the list shows it', async () => {
    answers['POST /api/products'] = (request) => {
      const body = request.body as Omit<Product, 'id' | 'version' | 'externalId'>
      const product = ProductOut.parse({ ...body, id: 4, externalId: null, listPrice: '5482.50', version: 1 })
      products = [...products, product]
      return { status: 201, body: { product } }
    }
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }))
    const form = screen.getByRole('form', { name: 'Add product' })
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'GTX Plus Pro' } })
    fireEvent.change(within(form).getByLabelText('Category'), { target: { value: 'GTX' } })
    fireEvent.change(within(form).getByLabelText('List price'), { target: { value: '5482,50' } })
    fireEvent.change(within(form).getByLabelText('Aliases'), { target: { value: ' GTXPlusPro ' } })
    fireEvent.keyDown(within(form).getByLabelText('Aliases'), { key: 'Enter' })
    expect(within(form).getByRole('button', { name: 'Remove alias GTXPlusPro' })).toBeTruthy()
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await screen.findByRole('heading', { name: '4 products' })
    expect(api.requests.find((r) => r.method === 'POST')!.body).toEqual({
      name: 'GTX Plus Pro',
      category: 'GTX',
      listPrice: '5482.50',
      aliases: ['GTXPlusPro'],
    })
    expect(screen.queryByRole('form')).toBeNull()
  })

  test('an edit refused because the name is taken shows the API’s message under the name, and keeps the form', async () => {
    answers['PATCH /api/products/1'] = () => ({
      status: 409,
      body: { error: 'conflict', message: '"GTXPro" is already an alias of "GTX Pro"', field: 'body.name' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Edit GTX Basic' }))
    const form = screen.getByRole('form', { name: 'Edit GTX Basic' })
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'GTXPro' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    expect(await within(form).findByText('"GTXPro" is already an alias of "GTX Pro"')).toBeTruthy()
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true')
    expect(api.requests.find((r) => r.method === 'PATCH')!.body).toMatchObject({ version: 1, name: 'GTXPro' })
  })

  test('deleting a product that deals use shows the refusal; the product stays', async () => {
    answers['DELETE /api/products/2'] = () => ({
      status: 409,
      body: { error: 'conflict', message: '"GTX Pro" is used by 1,480 deals; it cannot be deleted' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Delete GTX Pro' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      '"GTX Pro" is used by 1,480 deals; it cannot be deleted',
    )
    await waitFor(() => expect(api.lines()).toContain('DELETE /api/products/2?version=3'))
    expect(card('GTX Pro')).toBeTruthy()
  })
})
