import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import productInUseJson from '../testing/fixtures/product-in-use.json'
import productNameTakenJson from '../testing/fixtures/product-name-taken.json'
import productsJson from '../testing/fixtures/products.json'
import { renderWithQueries } from '../../../test/render.tsx'
import { notFound, startTestApi, type TestApi, type TestRequest } from '../../../test/test-api.ts'
import { ProductsSection } from './ProductsSection.tsx'
import { ProductList, ProductOut, type ProductOut as Product } from '@kpi/contract/products'

// The demo organisation's catalogue as the real API lists it (8 products; the demo data has no list prices), with
// one alias and one price added here; the refusals are the real API's answers too (web-fixtures.test.ts).
const catalogue = () =>
  ProductList.parse(productsJson).products.map((product) =>
    product.name === 'Platform Core' ? { ...product, listPrice: '22000.00', aliases: ['PlatformCore'] } : product,
  )

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
  await screen.findByRole('heading', { name: '8 products' })
})
afterEach(async () => {
  await api.close()
})

const card = (name: string) => screen.getByText(name, { selector: 'strong' }).closest('li')!
const search = (text: string) =>
  fireEvent.change(screen.getByLabelText('Search by name, category or alias'), { target: { value: text } })

describe('products admin', () => {
  test('lists each product with category, price and aliases; the search finds names, categories and aliases', () => {
    expect(within(card('Platform Core')).getByText('22,000.00')).toBeTruthy()
    const aliases = within(card('Platform Core')).getByRole('list', { name: 'Aliases of Platform Core' })
    expect(aliases.textContent).toBe('PlatformCore')
    expect(within(card('Implementation')).getByText('—')).toBeTruthy() // no list price
    search('platformcore')
    expect(screen.getByRole('heading', { name: '1 product' })).toBeTruthy()
    expect(screen.queryByText('Implementation')).toBeNull()
    search('SUPPORT')
    expect(screen.getByRole('heading', { name: '2 products' })).toBeTruthy() // Premium Support, Managed Hosting
    search('zzz')
    expect(screen.getByText('No product matches your search.')).toBeTruthy()
  })

  test('adds a product with an alias chip and a decimal-comma price; the list shows it', async () => {
    answers['POST /api/products'] = (request) => {
      const product = ProductOut.parse({ ...(request.body as object), id: 9, externalId: null, version: 1 })
      products = [...products, product]
      return { status: 201, body: { product } }
    }
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }))
    const form = screen.getByRole('form', { name: 'Add product' })
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'GTX Plus Pro' } })
    fireEvent.change(within(form).getByLabelText('Category'), { target: { value: 'GTX' } })
    fireEvent.change(within(form).getByLabelText('List price'), { target: { value: '5482,50' } })
    fireEvent.change(within(form).getByLabelText('New alias'), { target: { value: ' GTXPlusPro ' } })
    fireEvent.keyDown(within(form).getByLabelText('New alias'), { key: 'Enter' })
    expect(within(form).getByRole('button', { name: 'Remove alias GTXPlusPro' })).toBeTruthy()
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await screen.findByRole('heading', { name: '9 products' })
    expect(api.requests.find((r) => r.method === 'POST')!.body).toEqual({
      name: 'GTX Plus Pro',
      category: 'GTX',
      listPrice: '5482.50',
      aliases: ['GTXPlusPro'],
    })
    expect(within(card('GTX Plus Pro')).getByText('5,482.50')).toBeTruthy()
    expect(screen.queryByRole('form')).toBeNull()
  })

  test('an alias that is another product’s name: the API’s refusal shows under the aliases, the form stays', async () => {
    answers['PATCH /api/products/1'] = () => ({ status: 409, body: productNameTakenJson })
    fireEvent.click(screen.getByRole('button', { name: 'Edit Platform Core' }))
    const form = screen.getByRole('form', { name: 'Edit Platform Core' })
    fireEvent.change(within(form).getByLabelText('New alias'), { target: { value: 'analytics module' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }))
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    expect(await within(form).findByText(productNameTakenJson.message)).toBeTruthy()
    expect(within(form).getByLabelText('New alias').getAttribute('aria-invalid')).toBe('true')
    expect(api.requests.find((r) => r.method === 'PATCH')!.body).toEqual({
      version: 1,
      name: 'Platform Core',
      category: 'Software',
      listPrice: '22000.00',
      aliases: ['PlatformCore', 'analytics module'],
    })
  })

  test('deleting a product that deals use shows the refusal; the product stays', async () => {
    answers['DELETE /api/products/1'] = () => ({ status: 409, body: productInUseJson })
    fireEvent.click(screen.getByRole('button', { name: 'Delete Platform Core' }))
    expect((await screen.findByRole('alert')).textContent).toBe(productInUseJson.message)
    expect(productInUseJson.message).toMatch(/^"Platform Core" is used by 811 deals; it cannot be deleted/)
    await waitFor(() => expect(api.lines()).toContain('DELETE /api/products/1?version=1'))
    expect(card('Platform Core')).toBeTruthy()
  })
})
