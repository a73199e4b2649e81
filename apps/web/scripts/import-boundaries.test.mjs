// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'

// The repository's own eslint.config.js, run on an offending import at a path that does not exist: only the
// boundary rule runs (the type-aware rules need the file on disk), so a failure here is about the boundaries.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
})

/** The boundary messages ESLint reports for `source` at `filePath` (relative to the repository). */
async function messagesFor(filePath, source) {
  const [result] = await eslint.lintText(`${source}\n`, { filePath: `${repoRoot}${filePath}` })
  return (result?.messages ?? []).map((m) => m.message)
}

describe('import boundaries (eslint.boundaries.js)', () => {
  test.each([
    // web ↛ api/db
    { file: 'apps/web/src/app-x.tsx', from: '@kpi/db/client', says: 'no API or database code' },
    { file: 'apps/web/src/lib/x.ts', from: '../../../api/src/app.ts', says: 'no API or database code' },
    { file: 'apps/web/src/features/dashboard/x.ts', from: '@kpi/api/app', says: 'no API or database code' },
    // feature ↛ feature, at any depth inside the feature, directly or via src/
    { file: 'apps/web/src/features/wallboard/x.ts', from: '../dashboard/DashboardPage.tsx', says: 'Features do not' },
    { file: 'apps/web/src/features/admin/users/x.ts', from: '../../import/import.api.ts', says: 'Features do not' },
    { file: 'apps/web/src/features/admin/x.ts', from: '../../features/auth/LoginPage.tsx', says: 'Features do not' },
    { file: 'apps/web/src/components/gauge/x.ts', from: '../../features/dashboard/a.ts', says: 'never import one' },
    // domain ↛ anything but itself
    { file: 'packages/domain/src/kpis/x.ts', from: 'zod', says: 'The domain package is pure' },
    { file: 'packages/domain/src/kpis/x.ts', from: 'node:fs', says: 'The domain package is pure' },
    { file: 'packages/domain/src/x.ts', from: '../../db/src/client.ts', says: 'imports nothing outside itself' },
    { file: 'packages/domain/src/x.test.ts', from: '@kpi/db/client', says: 'The domain package is pure' },
    // contract ↛ api/web/db
    { file: 'packages/contract/src/x.ts', from: '@kpi/api/app', says: 'imports neither' },
    { file: 'packages/contract/src/x.ts', from: '../../../apps/web/src/app.tsx', says: 'imports neither' },
    { file: 'packages/contract/src/x.ts', from: 'react', says: 'no server or browser code' },
  ])('$file ↛ $from', async ({ file, from, says }) => {
    const messages = await messagesFor(file, `import '${from}'`)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain(says)
  })

  test.each([
    { file: 'apps/web/src/features/admin/targets/x.ts', from: '../settings/settings.queries.ts' }, // same feature
    { file: 'apps/web/src/features/admin/x.ts', from: './AdminPage.tsx' },
    { file: 'apps/web/src/features/wallboard/x.ts', from: '../../lib/figures/gauge-props.ts' },
    { file: 'apps/web/src/features/wallboard/x.ts', from: '../../components/gauge/Gauge.tsx' },
    { file: 'apps/web/src/features/wallboard/x.ts', from: '@kpi/domain/periods' },
    { file: 'apps/web/src/app-x.tsx', from: './features/admin/AdminPage.tsx' }, // the route tree wires features
    { file: 'packages/domain/src/kpis/x.ts', from: '../periods.ts' },
    { file: 'packages/domain/src/kpis/x.ts', from: '@kpi/domain/periods' },
    { file: 'packages/domain/src/x.test.ts', from: 'fast-check' },
    { file: 'packages/contract/src/x.ts', from: 'zod' },
    { file: 'packages/contract/src/x.ts', from: '@kpi/domain/kpis/keys' },
  ])('$file → $from is allowed', async ({ file, from }) => {
    expect(await messagesFor(file, `import '${from}'`)).toEqual([])
  })
})
