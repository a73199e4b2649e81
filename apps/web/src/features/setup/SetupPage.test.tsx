import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderAppAt } from '../../test/render-app.tsx'
import dashboardManager from '../../test/fixtures/dashboard-manager.json'
import { json, notFound, startTestApi, type TestApi, type TestRequest } from '../../test/test-api.ts'
import { browserTimeZone } from './setup-choices.ts'

// The whole app on an empty installation: no session, GET /api/setup says needed. Answers as the API gives them
// (routes/setup/setup.routes.ts): a 400 naming the field, then 201 with the admin, after which /api/me knows them.

const ADMIN = {
  id: 1,
  name: 'Ada Admin',
  email: 'ada@acme.test',
  role: 'admin',
  team: null,
  managedTeams: [],
  teams: [],
}
const ORGANIZATION = {
  id: 1,
  name: 'Acme Sales',
  currency: 'USD',
  timeZone: 'America/New_York',
  fiscalYearStartMonth: 4,
  leaderboardEnabled: false,
  gaugeStyle: 'gauge',
}

let api: TestApi | undefined

async function renderEmptyInstallation(path: string) {
  let setUp = false
  api = await startTestApi((request: TestRequest) => {
    if (request.path === '/api/setup' && request.method === 'GET') return json(200, { needed: !setUp })
    if (request.path === '/api/setup') {
      const body = request.body as { organization: { currency: string } }
      if (body.organization.currency === 'XYZ')
        return json(400, {
          error: 'validation_failed',
          message: 'not an ISO 4217 currency',
          field: 'body.organization.currency',
        })
      setUp = true
      return json(201, { user: ADMIN })
    }
    if (!setUp) return json(401, { error: 'unauthorized', message: 'sign in first' })
    if (request.path === '/api/me')
      return json(200, {
        user: ADMIN,
        organization: ORGANIZATION,
        preferences: { gaugeStyle: null },
        twoFactor: { enabled: false, required: false },
      })
    if (request.path === '/api/dashboard') return json(200, dashboardManager)
    return notFound(request)
  })
  return renderAppAt(path, { locale: 'en' })
}

afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

describe('first-run setup', () => {
  test('any URL shows the setup page; errors land under their input; success signs in on the dashboard', async () => {
    await renderEmptyInstallation('/admin?tab=users')
    await screen.findByRole('heading', { level: 1, name: 'Set up your organisation' })
    expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull()
    expect((screen.getByLabelText('Time zone') as HTMLInputElement).value).toBe(browserTimeZone())
    expect((screen.getByLabelText('Currency') as HTMLInputElement).value).toBe('EUR')

    type('Organisation name', 'Acme Sales')
    type('Time zone', 'America/New_York')
    type('Currency', 'xyz')
    fireEvent.change(screen.getByLabelText('Fiscal year starts in'), { target: { value: '4' } })
    type('Your name', 'Ada Admin')
    type('Email', 'ada@acme.test')
    type('Password', 'correct horse battery')
    type('Password again', 'correct horse battery!')
    fireEvent.click(screen.getByRole('button', { name: 'Create organisation' }))
    expect(await screen.findByText('The two passwords are not the same.')).toBeTruthy()
    expect(api!.lines()).not.toContain('POST /api/setup')

    type('Password again', 'correct horse battery')
    fireEvent.click(screen.getByRole('button', { name: 'Create organisation' }))
    const currencyError = await screen.findByText('not an ISO 4217 currency')
    const currency = screen.getByLabelText('Currency')
    expect(currency.getAttribute('aria-invalid')).toBe('true')
    expect(currency.getAttribute('aria-describedby')).toBe(currencyError.id)

    type('Currency', 'usd')
    fireEvent.click(screen.getByRole('button', { name: 'Create organisation' }))
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    expect(window.location.pathname).toBe('/')
    const posts = api!.requests.filter((r) => r.line === 'POST /api/setup')
    expect(posts.at(-1)?.body).toEqual({
      organization: { name: 'Acme Sales', timeZone: 'America/New_York', currency: 'USD', fiscalYearStartMonth: 4 },
      // The UI's language (en here) goes with it: the admin's e-mails follow it.
      admin: { name: 'Ada Admin', email: 'ada@acme.test', password: 'correct horse battery', locale: 'en' },
    })
  })

  test('/setup once the installation is set up: says so and links to sign-in', async () => {
    await renderEmptyInstallation('/setup')
    await screen.findByRole('heading', { level: 1, name: 'Set up your organisation' })
    type('Organisation name', 'Acme Sales')
    type('Currency', 'USD')
    type('Your name', 'Ada Admin')
    type('Email', 'ada@acme.test')
    type('Password', 'correct horse battery')
    type('Password again', 'correct horse battery')
    fireEvent.click(screen.getByRole('button', { name: 'Create organisation' }))
    await waitFor(() => expect(window.location.pathname).toBe('/'))
    window.history.pushState(null, '', '/setup')
    fireEvent(window, new PopStateEvent('popstate'))
    expect(await screen.findByText('This installation is already set up.')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Go to sign-in' }).getAttribute('href')).toBe('/')
  })
})
