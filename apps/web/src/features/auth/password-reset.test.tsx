import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderAppAt } from '../../test/render-app.tsx'
import { GOOD_RESET_TOKEN, startAppShellApi, type AppShellApi } from '../../test/app-shell-answers.ts'

/** The page's own status message, not the route announcer's (components/layout/RouteAnnouncer.tsx). */
const pageStatus = () =>
  waitFor(() => {
    const own = screen.getAllByRole('status').filter((el) => !el.classList.contains('route-announcer'))
    expect(own).toHaveLength(1)
    return own[0]!
  })

let api: AppShellApi | undefined

async function renderApp(path: string, { signedIn = false } = {}) {
  api = await startAppShellApi({ signedIn })
  return renderAppAt(path, { locale: 'en' })
}
afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})
const posts = (path: string) => api!.requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => r.body)

describe('password reset', { timeout: 20_000 }, () => {
  test('"Forgot your password?" leads to a form whose answer is the same for any address', async () => {
    await renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Forgot your password?' }))
    await screen.findByRole('heading', { level: 1, name: 'Reset your password' })
    expect(window.location.pathname).toBe('/forgot-password')
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'anna@example.com' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send link' }))
    expect((await pageStatus()).textContent).toBe(
      'If an account exists for that address, we sent a link. Check your inbox (and spam folder): the link works for 1 hour.',
    )
    expect(posts('/api/auth/password-reset')).toEqual([{ email: 'anna@example.com' }])
  })

  test('the link from the e-mail: both passwords checked, then signed in on the dashboard', async () => {
    await renderApp(`/reset-password/${GOOD_RESET_TOKEN}`)
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }))
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'short' } })
    submit()
    await screen.findByText('Use at least 8 characters.')
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a long new password' } })
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a long new passw0rd' } })
    submit()
    await screen.findByText('The two passwords are not the same.')
    expect(posts('/api/auth/password-reset/confirm')).toEqual([])

    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a long new password' } })
    submit()
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    expect(window.location.pathname).toBe('/')
    expect(posts('/api/auth/password-reset/confirm')).toEqual([
      { token: GOOD_RESET_TOKEN, password: 'a long new password' },
    ])
  })

  test('a used link: the API’s reason and a link to ask for a new one', async () => {
    await renderApp('/reset-password/used-token')
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a long new password' } })
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a long new password' } })
    fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This link cannot be used: this reset link was already used; ask for a new link if you still need one',
    )
    fireEvent.click(screen.getByRole('link', { name: 'Ask for a new link' }))
    await screen.findByRole('heading', { level: 1, name: 'Reset your password' })
  })

  test('switching language while signed in stores it for the e-mails (PATCH /api/me)', async () => {
    await renderApp('/', { signedIn: true })
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    // Signed in, the language switch is in the header's user menu.
    fireEvent.click(screen.getByRole('button', { name: /^Account menu of / }))
    fireEvent.click(screen.getByRole('button', { name: 'NL' }))
    await waitFor(() =>
      expect(api!.requests.filter((r) => r.method === 'PATCH' && r.path === '/api/me').map((r) => r.body)).toEqual([
        { locale: 'nl' },
      ]),
    )
  })
})
