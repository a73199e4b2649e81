import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { sendNotFound } from './errors.ts'

// Serves the built single-page app at `/`. Vite puts content-hashed files under assets/, so those may be cached
// forever; index.html must be revalidated every time, or a deploy would keep serving the old bundle names.

const immutable = 'public, max-age=31536000, immutable'
const revalidate = 'no-cache'

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sales KPI dashboard</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>The web app is not built yet</h1>
<p>Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds it when needed) and reload.</p>
<p>The API is up: <a href="/api/health">/api/health</a>, <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`

/** A browser navigation the SPA's router should answer: GET/HEAD, outside /api, not a file name. */
export function isSpaRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const pathname = request.url.split('?')[0] ?? '/'
  if (pathname === '/api' || pathname.startsWith('/api/')) return false
  // KPI keys carry a dot ('revenue.won'), so a KPI detail link would otherwise read as a missing file.
  if (pathname.startsWith('/kpi/')) return true
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1)
  return !lastSegment.includes('.')
}

export const webPlugin = fp<{ distDir: string }>(
  async (app, { distDir }) => {
    if (!existsSync(path.join(distDir, 'index.html'))) {
      const sendNote = (_request: FastifyRequest, reply: FastifyReply) =>
        reply.type('text/html; charset=utf-8').header('cache-control', revalidate).send(notBuiltPage)
      app.setNotFoundHandler((request, reply) =>
        isSpaRoute(request) ? sendNote(request, reply) : sendNotFound(request, reply),
      )
      return
    }
    const assetsDir = path.join(distDir, 'assets') + path.sep
    await app.register(fastifyStatic, {
      root: distDir,
      cacheControl: false, // set per file below
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', filePath.startsWith(assetsDir) ? immutable : revalidate)
      },
    })
    app.setNotFoundHandler((request, reply) =>
      isSpaRoute(request) ? reply.sendFile('index.html') : sendNotFound(request, reply),
    )
  },
  { name: 'web' },
)
