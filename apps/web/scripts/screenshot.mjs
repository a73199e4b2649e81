#!/usr/bin/env node
// Serves the built app with `vite preview` and photographs it in Debian's Chromium (no browser download):
// desktop 1280 px, tablet 820 px and phone 390 px, plus the Dutch locale. Prints first-contentful-paint.
// Usage: node scripts/screenshot.mjs [outDir]   (run after `vite build`; default outDir .tmp/screenshots)
/* global localStorage, performance -- used inside page.evaluate/addInitScript, which run in the browser */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { preview } from 'vite'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const outDir = resolve(process.argv[2] ?? join(root, '.tmp', 'screenshots'))
mkdirSync(outDir, { recursive: true })

const server = await preview({ root, logLevel: 'warn', preview: { port: 4179, strictPort: false, open: false } })
const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://localhost:4179'
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})

const shots = [
  { name: 'dashboard-1280', width: 1280, height: 900, path: '/', locale: 'en' },
  { name: 'dashboard-820', width: 820, height: 1180, path: '/', locale: 'en' },
  { name: 'dashboard-390', width: 390, height: 844, path: '/', locale: 'en' },
  { name: 'dashboard-1280-nl', width: 1280, height: 900, path: '/', locale: 'nl' },
  { name: 'kpi-detail-1280', width: 1280, height: 600, path: '/kpi/revenue.won', locale: 'en' },
]

try {
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height } })
    await context.addInitScript((locale) => localStorage.setItem('kpi_locale', locale), shot.locale)
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    await page.goto(base + shot.path, { waitUntil: 'networkidle' })
    await page.waitForSelector('main h1')
    const fcpMs = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    )
    const file = join(outDir, `${shot.name}.png`)
    // Phones: the first screen is what matters (and a full page would be too tall to review).
    await page.screenshot({ path: file, fullPage: shot.width >= 800 })
    if (shot.name === 'dashboard-1280') {
      // One focus area at full resolution, to judge the gauge itself.
      await page
        .locator('.focus-area')
        .nth(1)
        .screenshot({ path: join(outDir, 'focus-area-1280.png') })
    }
    console.log(`${shot.name.padEnd(20)} FCP ${fcpMs.toFixed(0).padStart(5)} ms  → ${file}`)
    if (errors.length > 0) {
      console.error(`  browser errors on ${shot.path}:\n  ${errors.join('\n  ')}`)
      process.exitCode = 1
    }
    await context.close()
  }
} finally {
  await browser.close()
  await new Promise((done) => server.httpServer.close(done))
}
