import { expect, test } from 'vitest'
import { defaultThresholds } from './defaults.ts'

// Every default action point a new organisation gets has a Dutch text (decision 36), so a Dutch reader never
// falls back to English on a fresh dashboard.
test.each(defaultThresholds())('$kpiKey: each action point has its Dutch text', (t) => {
  expect(t.greenActionsNl.length).toBe(t.greenActions.length)
  expect(t.orangeActionsNl.length).toBe(t.orangeActions.length)
  expect(t.redActionsNl.length).toBe(t.redActions.length)
  for (const text of [...t.greenActionsNl, ...t.orangeActionsNl, ...t.redActionsNl]) {
    expect(text.trim()).not.toBe('')
    expect([...t.greenActions, ...t.orangeActions, ...t.redActions]).not.toContain(text)
  }
  // Orange and red always say what to do.
  expect(t.orangeActionsNl.length).toBeGreaterThan(0)
  expect(t.redActionsNl.length).toBeGreaterThan(0)
})
