import fp from 'fastify-plugin'

// Security headers on every response (API, web app, docs), hand-written: seven static headers do not need a
// dependency. Cache-Control defaults to no-store: API answers carry a user's data, which a shared computer's
// browser or a proxy must not keep; a route with its own policy sets it (web.ts assets, KPI answers' ETag).
// Swagger UI (/api/docs) loads its scripts and styles from /api/docs/static, so 'self' covers it.

/**
 * The SPA's policy: everything from our own origin. Inline styles are allowed because Recharts and React's
 * `style` props set them; inline scripts are not. frame-ancestors 'none' replaces X-Frame-Options.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The headers every answer carries; also written by hand on answers Node gives before Fastify (http-protocol.ts). */
export function securityHeaders(production: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  }
  // HSTS only in production: on http://localhost it would pin the browser to HTTPS for every local app.
  if (production) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains'
  return headers
}

export const securityHeadersPlugin = fp<{ production: boolean }>(
  async (app, { production }) => {
    const headers = securityHeaders(production)
    app.addHook('onSend', async (_request, reply, payload) => {
      for (const [name, value] of Object.entries(headers)) {
        if (!reply.hasHeader(name)) reply.header(name, value)
      }
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
      return payload
    })
  },
  { name: 'security-headers' },
)
