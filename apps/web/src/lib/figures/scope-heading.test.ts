import { expect, test } from 'vitest'
import { translate, type MessageKey, type MessageVars } from '../../i18n/messages.ts'
import { scopeHeading } from './scope-heading.ts'

const inEnglish = (key: MessageKey, vars?: MessageVars) => translate('en', key, vars)
const inDutch = (key: MessageKey, vars?: MessageVars) => translate('nl', key, vars)

test.each([
  { scope: 'org', scopeName: null, en: 'Organisation dashboard', nl: 'Organisatiedashboard' },
  { scope: 'region:3', scopeName: 'Benelux', en: 'Region Benelux', nl: 'Regio Benelux' },
  { scope: 'team:1', scopeName: 'North', en: 'Team North', nl: 'Team North' },
  { scope: 'rep:12', scopeName: 'Tim Dijkstra', en: 'Tim Dijkstra', nl: 'Tim Dijkstra' },
  { scope: 'rep:7', scopeName: 'Eva', en: 'My figures', nl: 'Mijn cijfers' }, // the reader (id 7) themselves
  { scope: 'customer:4', scopeName: 'Acme', en: 'Acme', nl: 'Acme' },
])('$scope is headed "$en" / "$nl"', ({ scope, scopeName, en, nl }) => {
  expect(scopeHeading({ scope, scopeName }, 7, inEnglish)).toBe(en)
  expect(scopeHeading({ scope, scopeName }, 7, inDutch)).toBe(nl)
})
