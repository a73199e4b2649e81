import type { CookieSerializeOptions } from '@fastify/cookie'

// The two cookies of a signed-in browser.
// * kpi_session: the session token. httpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
//   POSTs), Secure in production (never over plain HTTP). No Max-Age: it ends with the browser, and the server
//   enforces the idle and absolute timeouts anyway.
// * kpi_csrf: the double-submit CSRF token. Readable by the page's own scripts on purpose — the web app copies
//   it into the x-csrf-token header, which a cross-site page cannot do because it cannot read our cookies.

export const SESSION_COOKIE = 'kpi_session'
export const CSRF_COOKIE = 'kpi_csrf'
export const CSRF_HEADER = 'x-csrf-token'

export function sessionCookieOptions(production: boolean): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: production }
}

export function csrfCookieOptions(production: boolean): CookieSerializeOptions {
  return { path: '/', httpOnly: false, sameSite: 'lax', secure: production }
}
