import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { repoRoot } from './config.ts'

// The runtime is named in several places (issue 21): .nvmrc, package.json (engines, packageManager), the
// .pnpmfile.cjs check, the README's commands, .ci/run and the Dockerfile. They must agree, and pnpm under an
// older Node must stop with a way to get the right one.

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8')
const manifest = JSON.parse(read('package.json')) as { engines: { node: string }; packageManager: string }
const nodeMajor = read('.nvmrc').trim()
const pnpmVersion = manifest.packageManager.replace(/^pnpm@/, '')

describe('the Node and pnpm versions', () => {
  test('.nvmrc, engines and every node@/pnpm@ the README, CI, the pnpmfile and the image use agree', () => {
    expect(nodeMajor).toBe('24')
    expect(manifest.engines.node).toBe(`>=${nodeMajor}`)
    for (const file of ['README.md', '.ci/run', '.pnpmfile.cjs', 'Dockerfile']) {
      const text = read(file)
      for (const [, version] of text.matchAll(/\bnode@(\d+)/g))
        expect(version, `${file}: node@${version}`).toBe(nodeMajor)
      for (const [, version] of text.matchAll(/\bpnpm@([\w.]+)/g))
        expect(version, `${file}: pnpm@${version}`).toBe(pnpmVersion)
    }
    expect(read('Dockerfile').match(/^FROM node:(\d+)-/gm)).toEqual([
      `FROM node:${nodeMajor}-`,
      `FROM node:${nodeMajor}-`,
    ])
  })

  test('pnpm under Node 20 stops at .pnpmfile.cjs with how to get Node 24; under Node 24 it loads', () => {
    // pnpm require()s the file; an older Node is played by overriding the version this Node reports.
    const asNode20 = spawnSync(
      process.execPath,
      [
        '-e',
        "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });" +
          "Object.defineProperty(process, 'version', { value: 'v20.20.2' });" +
          "require('./.pnpmfile.cjs'); console.log('loaded')",
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    )
    expect(asNode20.status).toBe(1)
    expect(asNode20.stdout).not.toContain('loaded')
    expect(asNode20.stderr).toContain('This project runs on Node.js 24 LTS; this pnpm runs on Node.js v20.20.2.')
    expect(asNode20.stderr).toContain(`npx -y -p node@24 -p pnpm@${pnpmVersion} -c 'pnpm install && pnpm start'`)

    const asThisNode = spawnSync(process.execPath, ['-e', "require('./.pnpmfile.cjs'); console.log('loaded')"], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
    expect(asThisNode.stdout.trim()).toBe('loaded')
  })
})
