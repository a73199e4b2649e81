import { expect, test } from 'vitest'
import { migrate } from '../migrator.ts'
import { createTestDatabase } from '../testing/test-database.ts'

// Migration 20261207040000 (decision 36): the action points written before it are in the organisation's
// language — the one most of its people chose — so a Dutch organisation's move to the Dutch columns.
test('existing action points move to Dutch for organisations whose people mostly chose Dutch', async () => {
  await using db = await createTestDatabase({ migrated: false })
  await migrate(db.pool, { before: '20261207040000_bilingual_action_points' })
  await db.pool.query(`
    INSERT INTO organizations (id, name, slug) VALUES (1, 'Dutch', 'dutch'), (2, 'English', 'english'), (3, 'Tie', 'tie');
    INSERT INTO users (organization_id, email, name, role, locale) VALUES
      (1, 'a@nl.test', 'A', 'ADMIN', 'nl'), (1, 'b@nl.test', 'B', 'REP', 'nl'), (1, 'c@nl.test', 'C', 'REP', 'en'),
      (2, 'd@en.test', 'D', 'ADMIN', 'en'), (2, 'e@en.test', 'E', 'REP', 'nl'),
      (3, 'f@tie.test', 'F', 'ADMIN', 'nl'), (3, 'g@tie.test', 'G', 'REP', 'en');
    INSERT INTO thresholds (organization_id, kpi_key, scope_key, mode, green_from, orange_from, orange_actions, red_actions)
    VALUES (1, 'activity.calls', 'org', 'RELATIVE', 100, 80, '{"Plan extra belmomenten"}', '{"Bespreek het met je manager"}'),
           (2, 'activity.calls', 'org', 'RELATIVE', 100, 80, '{"Plan more calls"}', '{"Talk to your manager"}'),
           (3, 'activity.calls', 'org', 'RELATIVE', 100, 80, '{"Plan more calls"}', '{}');
  `)
  await migrate(db.pool)
  const { rows } = await db.pool.query(
    `SELECT organization_id AS org, orange_actions AS orange, red_actions AS red,
            orange_actions_nl AS "orangeNl", red_actions_nl AS "redNl", green_actions_nl AS "greenNl"
     FROM thresholds ORDER BY organization_id`,
  )
  expect(rows).toEqual([
    // 2 of 3 chose Dutch: moved.
    {
      org: 1,
      orange: [],
      red: [],
      orangeNl: ['Plan extra belmomenten'],
      redNl: ['Bespreek het met je manager'],
      greenNl: [],
    },
    // 1 of 2: stays English.
    { org: 2, orange: ['Plan more calls'], red: ['Talk to your manager'], orangeNl: [], redNl: [], greenNl: [] },
    // A tie is English.
    { org: 3, orange: ['Plan more calls'], red: [], orangeNl: [], redNl: [], greenNl: [] },
  ])
})
