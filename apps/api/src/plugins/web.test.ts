import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { testConfig, unreachableStore } from '../testing/test-app.ts'

let store: Awaited<ReturnType<typeof unreachableStore>>
let distDir: string
let built: App
let notBuilt: App

const indexHtml = '<!doctype html><div id="root"></div><script src="/assets/index-abc123.js"></script>'

beforeAll(async () => {
  store = await unreachableStore()
  // A stand-in for Vite's output: index.html plus a content-hashed asset and an unhashed public file.
  distDir = mkdtempSync(path.join(tmpdir(), 'kpi-web-dist-'))
  mkdirSync(path.join(distDir, 'assets'))
  writeFileSync(path.join(distDir, 'index.html'), indexHtml)
  writeFileSync(path.join(distDir, 'assets', 'index-abc123.js'), 'console.log(1)')
  writeFileSync(path.join(distDir, 'favicon.svg'), '<svg/>')
  built = await buildApp({ config: testConfig({ webDistDir: distDir }), store })
  notBuilt = await buildApp({ config: testConfig({ webDistDir: path.join(distDir, 'missing') }), store })
})

afterAll(async () => {
  await Promise.all([built.close(), notBuilt.close()])
  await store[Symbol.asyncDispose]()
  rmSync(distDir, { recursive: true, force: true })
})

describe('built web app', () => {
  test('/ is index.html, revalidated on every load', async () => {
    const response = await built.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    expect(response.headers['cache-control']).toBe('no-cache')
    expect(response.body).toBe(indexHtml)
  })

  test('hashed assets are cached for a year and immutable', async () => {
    const response = await built.inject({ method: 'GET', url: '/assets/index-abc123.js' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(response.body).toBe('console.log(1)')
  })

  test('unhashed files are revalidated', async () => {
    const response = await built.inject({ method: 'GET', url: '/favicon.svg' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-cache')
  })

  test.each(['/dashboard', '/dashboard/team/3?period=2026-11', '/admin/thresholds/', '/kpi/revenue.won?scope=team:1'])(
    'the client-side route %s falls back to index.html',
    async (url) => {
      const response = await built.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(response.body).toBe(indexHtml)
    },
  )

  test.each([
    { method: 'GET' as const, url: '/assets/index-gone.js' },
    { method: 'GET' as const, url: '/api/unknown' },
    { method: 'POST' as const, url: '/dashboard' },
  ])('$method $url is a JSON 404, not the page', async ({ method, url }) => {
    const response = await built.inject({ method, url })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ error: 'not_found', message: `route ${method} ${url} not found` })
  })
})

describe('web app not built', () => {
  test.each(['/', '/dashboard'])('%s says to run pnpm build', async (url) => {
    const response = await notBuilt.inject({ method: 'GET', url })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    expect(response.body).toContain('pnpm build')
  })

  test('the API still answers in the error shape', async () => {
    const response = await notBuilt.inject({ method: 'GET', url: '/api/unknown' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ error: 'not_found' })
  })
})
