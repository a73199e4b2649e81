import fp from 'fastify-plugin'

// Deny by default: every route in the /api scope needs a signed-in user unless it is public. The check runs on
// onRequest, before the body is read, so an anonymous client never gets as far as validation, a multipart
// upload or a handler — even on a route whose author forgot `preHandler: app.authenticate`.
// A route opts out with `config: { public: true }` (login, logout, /api/me which answers its own 401), or is
// listed in `publicRoutes` at registration (app.ts) when its file is not ours to edit.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (the authGate in plugins/auth.ts lets it through). */
    public?: boolean
  }
}

export const authGatePlugin = fp<{ publicRoutes?: string[] }>(
  async (app, { publicRoutes = [] }) => {
    const listed = new Set(publicRoutes)
    app.addHook('onRequest', async (request, reply) => {
      if (request.is404 || request.routeOptions.config.public === true) return
      const method = request.method === 'HEAD' ? 'GET' : request.method
      if (listed.has(`${method} ${request.routeOptions.url}`)) return
      await app.authenticate(request, reply)
    })
  },
  { name: 'auth-gate', dependencies: ['session'] },
)
