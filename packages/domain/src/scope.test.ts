import { expect, test } from 'vitest'
import { parseScope, printScope, sameScope } from './scope.ts'

test.each([
  { text: 'org', scope: { type: 'org' } },
  { text: 'region:2', scope: { type: 'region', id: 2 } },
  { text: 'team:3', scope: { type: 'team', id: 3 } },
  { text: 'rep:7', scope: { type: 'rep', id: 7 } },
  { text: 'customer:9', scope: { type: 'customer', id: 9 } },
  { text: 'team:2147483647', scope: { type: 'team', id: 2_147_483_647 } },
])('$text round-trips', ({ text, scope }) => {
  expect(parseScope(text)).toEqual(scope)
  expect(printScope(parseScope(text)!)).toBe(text)
})

test.each([
  '',
  'ORG',
  'team',
  'team:',
  'team:0',
  'team:03',
  'rep:-1',
  'rep:1.5',
  'user:3',
  'region:0',
  'REGION:2',
  'team:3 ',
  'team:99999999999',
  'rep:2147483648',
  'customer:9999999999',
])('rejects %j', (text) => {
  expect(parseScope(text)).toBeNull()
})

test('sameScope', () => {
  expect(sameScope({ type: 'team', id: 3 }, { type: 'team', id: 3 })).toBe(true)
  expect(sameScope({ type: 'team', id: 3 }, { type: 'rep', id: 3 })).toBe(false)
})
