import fp from 'fastify-plugin'
import { HttpError } from '../http-errors.ts'

// An organisation that requires two-factor codes lets a person without them sign in, but nothing else until they
// turn them on: every route answers 403 two_factor_setup_required (the web app shows the enrolment page on it),
// except the public ones (login, logout, GET /api/me) and their own /api/me/totp* (docs/decisions/0022).
// Runs after the auth gate (plugins/auth.ts), which has loaded request.user on every non-public route.

const ENROLMENT_ROUTES = /^\/api\/me\/totp(\/|$)/

export const twoFactorGatePlugin = fp(
  async (app) => {
    app.addHook('onRequest', async (request) => {
      if (request.is404 || request.routeOptions.config.public === true) return
      if (request.user?.twoFactorSetupRequired !== true) return
      if (ENROLMENT_ROUTES.test(request.routeOptions.url ?? '')) return
      throw new HttpError(
        'two_factor_setup_required',
        'your organisation requires two-factor codes: turn them on under Security first',
      )
    })
  },
  { name: 'two-factor-gate', dependencies: ['auth-gate'] },
)
