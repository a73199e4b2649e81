import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { KPI_LIST } from '@kpi/domain/kpis/registry'
import nl from './nl.json'

// docs/glossary.md: one word per concept. Its table is the source; this test holds the Dutch texts to it.
// jsdom gives import.meta.url an http scheme; the file sits four folders up from here either way.
const here = import.meta.url.replace(/^https?:\/\/[^/]+/, 'file://')
const markdown = readFileSync(fileURLToPath(new URL('../../../../docs/glossary.md', here)), 'utf8')
const rows = markdown
  .split('\n')
  .filter((line) => line.startsWith('|') && !line.startsWith('| English') && !line.startsWith('| ---'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  )
  .map(([en = '', dutch = '', code = '', avoid = '']) => ({
    en,
    singular: dutch.split('/')[0]!.trim(),
    plural: (dutch.split('/')[1] ?? dutch).trim(),
    code,
    avoid: avoid === '' ? [] : avoid.split(',').map((w) => w.trim()),
  }))

const dutchTexts: { where: string; text: string }[] = [
  ...Object.entries(nl).map(([key, text]) => ({ where: `nl.json ${key}`, text })),
  ...KPI_LIST.flatMap((kpi) => [
    { where: `${kpi.key} name`, text: kpi.name.nl },
    { where: `${kpi.key} description`, text: kpi.description.nl },
  ]),
]
// Placeholder names ({target}) are code, not Dutch words.
const hasWord = (text: string, word: string) =>
  new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'iu').test(text.replace(/\{\w+/g, '{'))

// The KPIs that count one activity type each.
const COUNTED_BY: Record<string, string> = {
  CALL: 'activity.calls',
  MEETING: 'activity.meetings',
  PROPOSAL: 'activity.proposals',
}

describe('glossary (docs/glossary.md)', () => {
  test('the table is there', () => {
    expect(rows.length).toBeGreaterThan(10)
  })

  test.each(rows.filter((r) => r.avoid.length > 0))('no Dutch text calls "$en" by another word', ({ avoid }) => {
    const offending = dutchTexts.filter(({ text }) => avoid.some((word) => hasWord(text, word)))
    expect(offending.map((o) => `${o.where}: ${o.text}`)).toEqual([])
  })

  test.each(Object.entries(COUNTED_BY))('the activity %s and the KPI %s use the same word', (code, kpiKey) => {
    const row = rows.find((r) => r.code === code)!
    const label = (nl as Record<string, string>)[`enum.activityType.${code}`]!
    expect(label.toLowerCase()).toBe(row.singular)
    const kpi = KPI_LIST.find((k) => k.key === kpiKey)!
    expect(kpi.name.nl.toLowerCase()).toContain(row.plural)
  })
})
