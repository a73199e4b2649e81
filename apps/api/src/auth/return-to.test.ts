import { describe, expect, test } from 'vitest'
import { safeReturnTo } from './return-to.ts'

describe('safeReturnTo: a path of this site, else /', () => {
  test.each([
    { wanted: '/kpi/deals.win_rate?period=month#chart', expected: '/kpi/deals.win_rate?period=month#chart' },
    { wanted: '/admin/../my-targets', expected: '/my-targets' }, // normalised as the browser would
    { wanted: undefined, expected: '/' },
    { wanted: '', expected: '/' },
    { wanted: 'admin', expected: '/' }, // relative: not a path of ours
    { wanted: '//evil.example/x', expected: '/' }, // protocol-relative: another host
    { wanted: '/\\evil.example', expected: '/' }, // browsers read \ as /
    { wanted: 'https://evil.example/', expected: '/' },
    { wanted: 'javascript:alert(1)', expected: '/' },
    { wanted: '/\t/evil.example', expected: '/' }, // URL parsing drops tabs: would become //evil.example
    { wanted: `/${'a'.repeat(2048)}`, expected: '/' }, // too long to be a link someone followed
  ])('$wanted → $expected', ({ wanted, expected }) => {
    expect(safeReturnTo(wanted)).toBe(expected)
  })
})
