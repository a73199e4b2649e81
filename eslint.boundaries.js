import { readdirSync } from 'node:fs'

// Which code may import which (docs/decisions/0015-router-import-boundaries.md): web ↛ api/db, domain ↛ anything
// but itself, contract ↛ api/web/db, feature ↛ feature. Built on no-restricted-imports with regexes on the import
// string, so relative paths are judged by how many folders they climb: each rule is generated per folder depth.
// ESLint keeps only the last options of a rule for a file, so every file glob gets all its restrictions at once.

const MAX_DEPTH = 6 // folders below a feature or src/; deeper files would go unchecked, none is near
const depths = [...Array(MAX_DEPTH).keys()]
const code = (dir, depth) => `${dir}/${'*/'.repeat(depth)}*.{ts,tsx}`
const up = (levels) => `^(\\.\\./){${levels}}`

const serverCode = [
  { regex: '^@kpi/(api|db)(/|$)', message: 'The web app runs in the browser: no API or database code.' },
  {
    regex: '^(\\.\\./)+((apps/)?api|(packages/)?db|prisma)/',
    message: 'The web app runs in the browser: no API or database code.',
  },
]

const featureDir = 'apps/web/src/features'
const features = readdirSync(featureDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())

const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
})

const featureRules = features.flatMap(({ name }) =>
  depths.map((depth) =>
    restrict(
      [code(`${featureDir}/${name}`, depth)],
      [
        ...serverCode,
        {
          // ../x/ from the feature's own top folder, or ../../features/x/ via src/.
          regex: `${up(depth + 1)}(?!${name}/)[^./][^/]*/|${up(depth + 2)}features/(?!${name}/)`,
          message: 'Features do not import each other: move what they share to components/ or lib/.',
        },
      ],
    ),
  ),
)

const domainDir = 'packages/domain/src'
// Tests, and the property-test generators they share, may use the test libraries.
const arbitraries = `${domainDir}/reference/arbitraries.ts`
const domainTestSupport = (depth) => [
  `${domainDir}/${'*/'.repeat(depth)}*.test.ts`,
  ...(depth === 1 ? [arbitraries] : []),
]
const domainRules = depths.flatMap((depth) => {
  const leaves = { regex: up(depth + 1), message: 'The domain package imports nothing outside itself.' }
  const bare = (allowed) => ({
    regex: `^(?!\\.|@kpi/domain/${allowed.map((name) => `|${name}$`).join('')})`,
    message: 'The domain package is pure: no libraries, no I/O (tests may use vitest and fast-check).',
  })
  return [
    restrict([code(domainDir, depth)], [leaves, bare([])], ['**/*.test.ts', arbitraries]),
    restrict(domainTestSupport(depth), [leaves, bare(['vitest', 'fast-check'])]),
  ]
})

const contractRules = [
  restrict(
    ['packages/contract/**/*.ts'],
    [
      {
        regex: '^@kpi/(api|web|db)(/|$)|^(\\.\\./)+((apps/)?(api|web)|(packages/)?db|prisma)/',
        message: 'The contract is shared by API and web: it imports neither, nor the database.',
      },
      {
        regex: '^(react|react-dom|fastify|@fastify/.*|@prisma/.*|pg)(/|$)',
        message: 'The contract holds schemas only: no server or browser code.',
      },
    ],
  ),
]

export const importBoundaries = [
  restrict(['apps/web/src/**/*.{ts,tsx}'], serverCode),
  restrict(
    ['apps/web/src/lib/**/*.{ts,tsx}', 'apps/web/src/components/**/*.{ts,tsx}'],
    [...serverCode, { regex: '(^|/)features/', message: 'lib/ and components/ are below features: never import one.' }],
  ),
  ...featureRules,
  ...domainRules,
  ...contractRules,
]
