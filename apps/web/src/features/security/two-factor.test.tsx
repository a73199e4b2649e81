import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderAppAt } from '../../test/render-app.tsx'
import { MANAGER_ME, startAppShellApi } from '../../test/app-shell-answers.ts'
import { json, notFound, startTestApi, type TestApi } from '../../test/test-api.ts'

/** The page's own status message, not the route announcer's (components/layout/RouteAnnouncer.tsx). */
const pageStatus = () =>
  waitFor(() => {
    const own = screen.getAllByRole('status').filter((el) => !el.classList.contains('route-announcer'))
    expect(own).toHaveLength(1)
    return own[0]!
  })

let api: { close: () => Promise<void> } | undefined

function renderApp() {
  return renderAppAt(window.location.pathname, { locale: 'en' })
}

afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

describe('signing in with two-factor codes', () => {
  test('after the right password the form asks for the code; a wrong one says so; a recovery code works', async () => {
    const shell = await startAppShellApi({ signedIn: false })
    api = shell
    renderApp()
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'two-factor@example.com' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'demo1234' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    const code = await screen.findByLabelText('Authentication code')
    expect(code.getAttribute('autocomplete')).toBe('one-time-code')
    expect(code.getAttribute('inputmode')).toBe('numeric')
    expect(screen.queryByRole('alert')).toBeNull() // asking for the code is no error
    fireEvent.change(code, { target: { value: '654321' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/not right, or was already used/)
    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }))
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: 'abcde-fghjk' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    expect(shell.logins).toEqual([{ email: 'two-factor@example.com', organizationId: undefined }])
  })
})

describe('an organisation that requires two-factor codes', () => {
  test('the enrolment page replaces every page: QR code, key, confirm, then the recovery codes once', async () => {
    let enabled = false
    const codes = Array.from({ length: 10 }, (_, i) => `code${i}-abcde`)
    const server: TestApi = await startTestApi((request) => {
      if (request.path === '/api/me') return json(200, { ...MANAGER_ME, twoFactor: { enabled, required: true } })
      if (request.path === '/api/me/totp')
        return json(200, {
          secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          otpauthUrl: 'otpauth://totp/x',
          qrCodeSvg: '<svg/>',
        })
      if (request.path === '/api/me/totp/confirm') {
        if ((request.body as { code: string }).code !== '123456')
          return json(400, { error: 'validation_failed', message: 'wrong', field: 'body.code' })
        enabled = true
        return json(200, { recoveryCodes: codes })
      }
      if (request.path.startsWith('/api/')) return json(403, { error: 'two_factor_setup_required', message: 'no' })
      return notFound(request)
    })
    api = server
    window.history.replaceState(null, '', '/my-targets')
    renderApp()
    expect((await pageStatus()).textContent).toMatch(/requires two-factor codes/)
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-factor codes' }))
    expect(await screen.findByRole('img', { name: 'QR code for your authenticator app' })).toBeTruthy()
    expect(screen.getByTestId('totp-secret').textContent).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
    const input = screen.getByLabelText('Type the 6-digit code the app shows')
    fireEvent.change(input, { target: { value: '000000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/not right/)
    fireEvent.change(input, { target: { value: '123456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }))
    const list = await screen.findByRole('list', { name: 'Recovery codes' })
    expect(list.querySelectorAll('li')).toHaveLength(10)
    expect(screen.getByRole('link', { name: 'Download .txt' }).getAttribute('download')).toBe('recovery-codes.txt')
    fireEvent.click(screen.getByRole('button', { name: 'I saved them' }))
    // Enrolled: the page asked for (My targets) is shown again.
    await screen.findByRole('heading', { level: 1, name: 'My targets' })
    expect(server.lines()).toContain('POST /api/me/totp/confirm')
  })
})
