import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { repoRoot } from './config.ts'

// scripts/start.mjs rebuilds the web app only when dist is missing or older than a source file.

type BuildState = { stale: boolean; reason: string }
type StartScript = { webBuildState: (webDir: string, extraSources?: string[]) => BuildState }

let startScript: StartScript
let webDir: string
let sharedDir: string

const at = (isoDate: string) => new Date(isoDate)
function touch(file: string, isoDate: string, content = '') {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, content)
  utimesSync(file, at(isoDate), at(isoDate))
}

beforeAll(async () => {
  startScript = (await import(pathToFileURL(path.join(repoRoot, 'scripts/start.mjs')).href)) as StartScript
  const root = mkdtempSync(path.join(tmpdir(), 'kpi-start-script-'))
  webDir = path.join(root, 'web')
  sharedDir = path.join(root, 'domain-src')
  touch(path.join(webDir, 'index.html'), '2026-01-01T00:00:00Z')
  touch(path.join(webDir, 'src', 'features', 'dashboard', 'page.tsx'), '2026-01-02T00:00:00Z')
  touch(path.join(sharedDir, 'kpis.ts'), '2026-01-02T00:00:00Z')
  // Dependencies and the output itself never make the build stale.
  touch(path.join(webDir, 'node_modules', 'dep', 'index.js'), '2030-01-01T00:00:00Z')
})

afterAll(() => rmSync(path.dirname(webDir), { recursive: true, force: true }))

test('the web app is built, rebuilt after a source change, and left alone otherwise', () => {
  // No dist yet.
  expect(startScript.webBuildState(webDir, [sharedDir])).toEqual({
    stale: true,
    reason: 'the web app has not been built yet',
  })

  // Built on 2026-01-03, after every source (newest: 2026-01-02).
  touch(path.join(webDir, 'dist', 'index.html'), '2026-01-03T00:00:00Z')
  touch(path.join(webDir, 'dist', 'assets', 'index-abc.js'), '2026-01-03T00:00:00Z')
  expect(startScript.webBuildState(webDir, [sharedDir]).stale).toBe(false)

  // A nested web source edited on 2026-01-04.
  touch(path.join(webDir, 'src', 'features', 'dashboard', 'page.tsx'), '2026-01-04T00:00:00Z')
  expect(startScript.webBuildState(webDir, [sharedDir])).toMatchObject({ stale: true })
  expect(startScript.webBuildState(webDir, [sharedDir]).reason).toMatch(/src changed since the last build$/)

  // Rebuilt on 2026-01-05; then the shared domain package changes on 2026-01-06.
  touch(path.join(webDir, 'dist', 'index.html'), '2026-01-05T00:00:00Z')
  expect(startScript.webBuildState(webDir, [sharedDir]).stale).toBe(false)
  touch(path.join(sharedDir, 'kpis.ts'), '2026-01-06T00:00:00Z')
  expect(startScript.webBuildState(webDir, [sharedDir]).reason).toMatch(/domain-src changed since the last build$/)
})

test('the API is bundled again when its sources or a workspace package it bundles change', () => {
  const apiState = (startScript as unknown as { apiBuildState: (root: string) => BuildState }).apiBuildState
  const root = path.join(path.dirname(webDir), 'repo')
  touch(path.join(root, 'apps/api/src/server.ts'), '2026-01-02T00:00:00Z')
  touch(path.join(root, 'packages/domain/src/kpis.ts'), '2026-01-02T00:00:00Z')
  expect(apiState(root)).toEqual({ stale: true, reason: 'the API has not been built yet' })

  touch(path.join(root, 'apps/api/dist/server.mjs'), '2026-01-03T00:00:00Z')
  expect(apiState(root)).toEqual({ stale: false, reason: 'the API is up to date' })

  touch(path.join(root, 'packages/domain/src/kpis.ts'), '2026-01-04T00:00:00Z')
  expect(apiState(root).reason).toMatch(/repo\/packages\/domain\/src changed since the last build$/)
})
