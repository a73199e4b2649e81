import { screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderAppAt } from '../../test/render-app.tsx'
import { startAppShellApi, type AppShellApi } from '../../test/app-shell-answers.ts'

// The login page's single sign-on: the "Sign in with <name>" link when GET /api/auth/methods names a provider, and
// the reason a sign-in through it failed (the API sends the browser to /login?sso_error=<code>).

let api: AppShellApi | undefined
const withSso = { password: true, oidc: { name: 'Acme ID' } }

async function renderApp(path: string, options: Parameters<typeof startAppShellApi>[0], locale?: 'en' | 'nl') {
  api = await startAppShellApi(options)
  return renderAppAt(path, { locale })
}

afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

describe('single sign-on on the login page', () => {
  test('a link to the provider that brings the person back to the page they asked for', async () => {
    await renderApp('/kpi/deals.win_rate?period=week', { signedIn: false, authMethods: withSso })
    const link = await screen.findByRole('link', { name: 'Sign in with Acme ID' })
    expect(link.getAttribute('href')).toBe(
      `/api/auth/oidc/start?returnTo=${encodeURIComponent('/kpi/deals.win_rate?period=week')}`,
    )
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy() // the password form stays
  })

  test('password only: no link', async () => {
    await renderApp('/', { signedIn: false })
    await screen.findByRole('heading', { level: 1, name: 'Sign in' })
    await waitFor(() => expect(api!.lines()).toContain('GET /api/auth/methods'))
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull()
  })

  test.each([
    { code: 'no_account', text: /no active account here for the email address you signed in with/ },
    { code: 'unverified_email', text: /no verified email address/ },
    { code: 'expired', text: /took too long or was started in another browser/ },
  ])('/login?sso_error=$code says why, and the link returns to the dashboard', async ({ code, text }) => {
    await renderApp(`/login?sso_error=${code}`, { signedIn: false, authMethods: withSso })
    expect((await screen.findByRole('alert')).textContent).toMatch(text)
    const link = await screen.findByRole('link', { name: 'Sign in with Acme ID' })
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/start?returnTo=%2F')
  })

  test('in Dutch', async () => {
    await renderApp('/login?sso_error=several_accounts', { signedIn: false, authMethods: withSso }, 'nl')
    await screen.findByRole('link', { name: 'Inloggen met Acme ID' })
    expect(screen.getByRole('alert').textContent).toBe(
      'Je e-mailadres heeft accounts bij meer dan één organisatie. Log in met je wachtwoord om er een te kiezen.',
    )
  })

  test('an sso_error the app does not know shows nothing', async () => {
    await renderApp('/login?sso_error=%3Cscript%3E', { signedIn: false, authMethods: withSso })
    await screen.findByRole('link', { name: 'Sign in with Acme ID' })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('signed in, /login goes to the dashboard', async () => {
    await renderApp('/login?sso_error=expired', { signedIn: true, authMethods: withSso })
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    expect(window.location.pathname).toBe('/')
  })
})
