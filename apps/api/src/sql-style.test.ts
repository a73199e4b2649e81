import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

// The database access rule of docs/decisions/0020-backend-database-access.md, kept by a grep over the sources.

const srcDir = path.dirname(fileURLToPath(import.meta.url))
const files = (function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return walk(full)
    return entry.name.endsWith('.ts') ? [path.relative(srcDir, full).split(path.sep).join('/')] : []
  })
})(srcDir)
const source = (file: string) => readFileSync(path.join(srcDir, file), 'utf8')

/** The route folders whose `*.db.ts` files use Prisma: configuration kept as plain rows and nested creates. */
const PRISMA_FOLDERS = [
  'routes/layout',
  'routes/me',
  'routes/regions',
  'routes/settings',
  'routes/targets',
  'routes/teams',
  'routes/thresholds',
  'routes/users',
  'routes/webhooks',
]
/** Outside those, Prisma only where another module takes its client: the audit log, written in the caller's transaction. */
const PRISMA_ELSEWHERE = ['audit/audit.db.ts', 'csv/import.ts', 'csv/bench/import-bench.ts']
const usesPrisma = (text: string) =>
  /\bprisma\.\w+\.\w+\(|\.\$transaction\(|\btx\.\w+\.(find|create|update|delete|upsert)/.test(text)
const usesSql = (text: string) => /\.query(<[^>]*>)?\(/.test(text)
const isTest = (file: string) => /\.test\.ts$|(^|\/)testing\//.test(file)

// prettier-ignore
const KEYWORDS = [
  'select', 'from', 'where', 'join', 'left', 'inner', 'lateral', 'on', 'and', 'or', 'not', 'in', 'is', 'null',
  'insert', 'into', 'values', 'update', 'set', 'delete', 'returning', 'group', 'order', 'by', 'limit', 'offset',
  'as', 'distinct', 'exists', 'case', 'when', 'then', 'else', 'end', 'union', 'all', 'with', 'conflict', 'do',
  'nothing', 'having', 'desc', 'asc', 'for', 'skip', 'locked', 'interval', 'between', 'like', 'ilike', 'any',
  'filter', 'over', 'partition', 'true', 'false', 'using', 'cross',
]
const STATEMENT = /^\s*\(?\s*(select\b|insert into\b|update \w+( \w+)? set\b|delete from\b|with \w+ as\b|declare\b)/i

/** Every string or template literal of `text` that is an SQL statement, with ${…}, comments, '…' and "…" blanked. */
function sqlLiterals(text: string): string[] {
  const literals = text.match(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'/g) ?? []
  return literals
    .map((literal) => literal.slice(1, -1))
    .filter((body) => STATEMENT.test(body))
    .map((body) =>
      body
        .replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, ' ')
        .replace(/--[^\n]*/g, ' ')
        .replace(/'[^']*'/g, ' ')
        .replace(/"[^"]*"/g, ' '),
    )
}

describe('database access', () => {
  test('a route folder uses Prisma or SQL, never both; Prisma only in the folders that use it by rule', () => {
    const offenders: string[] = []
    for (const file of files.filter((f) => !isTest(f))) {
      const text = source(file)
      const folder = path.posix.dirname(file)
      if (usesPrisma(text) && !PRISMA_FOLDERS.includes(folder) && !PRISMA_ELSEWHERE.includes(file))
        offenders.push(`${file}: Prisma outside the Prisma folders`)
      if (usesSql(text) && PRISMA_FOLDERS.includes(folder)) offenders.push(`${file}: SQL in a Prisma folder`)
    }
    expect(offenders).toEqual([])
  })

  test('SQL keywords are written in upper case', () => {
    const offenders: string[] = []
    const pattern = new RegExp(`\\b(${KEYWORDS.join('|')})\\b`, 'g')
    const checked = files.filter((f) => f !== 'sql-style.test.ts')
    for (const file of checked) {
      for (const sql of sqlLiterals(source(file))) {
        const lower = [...sql.matchAll(pattern)].map((m) => m[1])
        if (lower.length > 0)
          offenders.push(`${file}: ${[...new Set(lower)].join(', ')} in "${sql.trim().slice(0, 60)}…"`)
      }
    }
    expect(offenders).toEqual([])
  })
})
