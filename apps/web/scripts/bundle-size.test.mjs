// @vitest-environment node
import { expect, test } from 'vitest'
import { initialChunks } from './bundle-size.mjs'

test('initial chunks: entries and their static imports, never dynamic imports', () => {
  const manifest = {
    'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_vendor.js'], dynamicImports: ['admin.tsx'] },
    '_vendor.js': { file: 'assets/vendor.js', imports: ['_shared.js'] },
    '_shared.js': { file: 'assets/shared.js', imports: ['_vendor.js'] }, // a cycle must not loop forever
    'admin.tsx': { file: 'assets/admin.js', isDynamicEntry: true, imports: ['_chart.js'] },
    '_chart.js': { file: 'assets/chart.js' },
  }
  expect(initialChunks(manifest).sort()).toEqual(['assets/index.js', 'assets/shared.js', 'assets/vendor.js'])
})
