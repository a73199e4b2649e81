import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { newPage, openBrowser, screenshot, signedIn } from './support/browser.ts'
import { linkIn, nextMailTo, startServerWithMail, type ServerWithMail } from './support/mail.ts'

// Issue 17 (d), in Chromium: a new organisation brings its people, teams and products from Maven CRM's files, as
// they are, through the import wizard — then finds them on the users and products pages and invites one person.
// A server of its own with no demo data, so every count below is the file's alone. One story, one test.

const DATASETS = path.join(import.meta.dirname, '../../api/src/testing/datasets')
const SALES_TEAMS = readFileSync(path.join(DATASETS, 'sales_teams.csv'))
const PRODUCTS = readFileSync(path.join(DATASETS, 'maven-crm-products.csv'))
const ADMIN = { name: 'Ada Admin', email: 'ada@maven.test', password: 'maven brings its files 2026' }

// Counted by hand in sales_teams.csv (sales_agent, manager, regional_office): 35 rows, one agent each, under 6
// managers who have no row of their own — 5 for Dustin Brinkmann, 6 for each of the other five (5 + 5 × 6 = 35).
const MANAGERS = ['Cara Losch', 'Celia Rouche', 'Dustin Brinkmann', 'Melvin Marxen', 'Rocco Neubert', 'Summer Sewald']
const AGENTS = 35
// products.csv: 7 products (GTX Basic, GTX Pro, MG Special, MG Advanced, GTX Plus Pro, GTX Plus Basic, GTK 500).

let browser: Browser
let withMail: ServerWithMail

beforeAll(async () => {
  ;[browser, withMail] = await Promise.all([
    openBrowser(),
    startServerWithMail({ from: 'Maven KPI <kpi@maven.test>', env: { DEMO_DATA: 'false' } }),
  ])
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await withMail?.stop()
})

type Step = {
  entity: 'users' | 'teams' | 'products'
  file: { name: string; buffer: Buffer }
  /** Every header of the file → the fields it fills, in order ([] = ignored). */
  columns: Record<string, string[]>
  constants?: Record<string, string>
  rows: number
  done: string
  /** The line under it when rows repeat an earlier row exactly (a manager once per agent). */
  repeated?: string
}

/** One pass through the wizard: pick, map every column (and constants), check, import. */
async function importThroughWizard(page: Page, step: Step) {
  await page.goto('/admin/import')
  await page.getByLabel('What the file contains').selectOption(step.entity)
  await page.getByLabel(/^File/).setInputFiles({ ...step.file, mimeType: 'text/csv' })
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Check the file' }).waitFor()
  for (const [header, fields] of Object.entries(step.columns)) {
    await page.getByLabel(header, { exact: true }).selectOption(fields[0] ?? '')
    for (const field of fields.slice(1)) {
      await page.getByRole('button', { name: `${header}: fill one more field` }).click()
      await page.getByLabel(`${header} also fills`).selectOption(field)
    }
  }
  const constants = page.getByRole('group', { name: 'Same value on every row' })
  for (const [field, value] of Object.entries(step.constants ?? {})) {
    await constants.getByLabel('Field').selectOption(field)
    await constants.getByLabel('Value').selectOption(value)
    await constants.getByRole('button', { name: 'Add value for every row' }).click()
  }
  await page.getByRole('button', { name: 'Check the file' }).click()
  await page.getByRole('button', { name: `Import ${step.rows} rows` }).click()
  await page.getByText(/^Imported /).waitFor()
  expect(await page.getByText(/^Imported /).textContent()).toBe(step.done)
  if (step.repeated) await page.getByText(step.repeated, { exact: true }).waitFor()
}

test("a new organisation's people, teams and products from Maven CRM's files, then one person invited", async () => {
  const { server, smtp } = withMail
  const { context, page } = await newPage(browser, server.baseUrl)

  // First run: the admin sets up an empty organisation (no people, no teams, no products).
  await page.goto('/')
  await page.getByRole('heading', { level: 1, name: 'Set up your organisation' }).waitFor()
  await page.getByLabel('Organisation name').fill('Maven Hardware')
  await page.getByLabel('Time zone').fill('America/Chicago')
  await page.getByLabel('Currency').fill('USD')
  await page.getByLabel('Your name').fill(ADMIN.name)
  await page.getByLabel('Email').fill(ADMIN.email)
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password)
  await page.getByLabel('Password again').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Create organisation' }).click()
  await signedIn(page)

  const salesTeams = { name: 'sales_teams.csv', buffer: SALES_TEAMS }
  // 1. The agents, each in the team named after their manager: 35 people, 6 teams created on the way.
  await importThroughWizard(page, {
    entity: 'users',
    file: salesTeams,
    columns: { sales_agent: ['name'], manager: ['team'], regional_office: [] },
    rows: AGENTS,
    done: 'Imported 35 rows: 35 new, 0 updated, 0 unchanged.',
  })
  // 2. The same file again: the managers, one column filling name and team, role a constant. Each manager is on
  // 5 or 6 rows, all alike: one person each, 6 new.
  await importThroughWizard(page, {
    entity: 'users',
    file: salesTeams,
    columns: { sales_agent: [], manager: ['name', 'team'], regional_office: [] },
    constants: { role: 'MANAGER' },
    rows: AGENTS,
    done: 'Imported 35 rows: 6 new, 0 updated, 0 unchanged.',
    repeated: '29 rows repeat an earlier row exactly and were read once.', // 35 − 6
  })
  // 3. And again: the 6 teams (already there from step 1) get their managers, by name.
  await importThroughWizard(page, {
    entity: 'teams',
    file: salesTeams,
    columns: { sales_agent: [], manager: ['name', 'manager'], regional_office: [] },
    rows: AGENTS,
    done: 'Imported 35 rows: 0 new, 6 updated, 0 unchanged.',
    repeated: '29 rows repeat an earlier row exactly and were read once.',
  })
  // Maven's products.csv as it is: 7 products.
  await importThroughWizard(page, {
    entity: 'products',
    file: { name: 'products.csv', buffer: PRODUCTS },
    columns: { product: ['name'], series: ['category'], sales_price: ['listPrice'] },
    rows: 7,
    done: 'Imported 7 rows: 7 new, 0 updated, 0 unchanged.',
  })

  // The users page: 6 teams, each managed by the person it is named after; 41 people, none of whom can sign in.
  await page.goto('/admin#users')
  await page.getByRole('heading', { level: 3, name: 'Users' }).waitFor()
  for (const manager of MANAGERS)
    expect(await page.getByLabel(`Manager of ${manager}`).locator('option:checked').textContent()).toBe(manager)
  expect(await page.getByLabel(/^Name of team /).count()).toBe(MANAGERS.length)
  expect(await page.getByText('no sign-in', { exact: true }).count()).toBe(AGENTS + MANAGERS.length) // 41
  expect(await page.getByLabel(/^Role of /).count()).toBe(1 + AGENTS + MANAGERS.length) // the admin too
  // Anna Snelling (row 2) works for Dustin Brinkmann, as a rep.
  expect(await page.getByLabel('Team of Anna Snelling').locator('option:checked').textContent()).toBe(
    'Dustin Brinkmann',
  )
  expect(await page.getByLabel('Role of Anna Snelling').inputValue()).toBe('rep')
  expect(await page.getByLabel('Role of Dustin Brinkmann').inputValue()).toBe('manager')

  // Dustin will open the dashboard himself: invited by e-mail, he signs up as the same person (his team's
  // manager, his team kept) and the row loses its "no sign-in".
  await page.getByLabel('E-mail address for Dustin Brinkmann').fill('dustin@maven.test')
  await page.getByRole('button', { name: 'Invite Dustin Brinkmann to sign in' }).click()
  await page.getByText('Invitation e-mailed to dustin@maven.test.').waitFor()
  const link = linkIn(await nextMailTo(smtp, 'dustin@maven.test'), server.baseUrl, 'invite')
  const dustin = await newPage(browser, server.baseUrl)
  await dustin.page.goto(link)
  await dustin.page.getByLabel(/^Choose a password/).fill('dustin signs in now 2026')
  await dustin.page.getByLabel('Repeat the password').fill('dustin signs in now 2026')
  await dustin.page.getByRole('button', { name: 'Create my account' }).click()
  await signedIn(dustin.page)
  const me = await dustin.page.evaluate(() => fetch('/api/me').then((r) => r.json()))
  expect(me.user).toMatchObject({ name: 'Dustin Brinkmann', email: 'dustin@maven.test', role: 'manager' })
  expect(me.user.managedTeams.map((t: { name: string }) => t.name)).toEqual(['Dustin Brinkmann'])
  await dustin.context.close()
  await page.reload()
  await page.getByRole('heading', { level: 3, name: 'Users' }).waitFor()
  expect(await page.getByText('no sign-in', { exact: true }).count()).toBe(AGENTS + MANAGERS.length - 1)
  // The 6 teams with their managers, then the people; the "Teams" heading just below the sticky top bar.
  await page.getByRole('heading', { level: 3, name: 'Teams' }).evaluate((heading) => {
    heading.scrollIntoView()
    window.scrollBy(0, -72)
  })
  await screenshot(page, 'import-people')

  // The products page: Maven's 7; the pipeline's spelling GTXPro becomes an alias of GTX Pro.
  await page.goto('/admin/products')
  await page.getByRole('heading', { name: '7 products' }).waitFor()
  await page.getByRole('button', { name: 'Edit GTX Pro' }).click()
  const edit = page.getByRole('form', { name: 'Edit GTX Pro' })
  await edit.getByLabel('New alias').fill('GTXPro')
  await edit.getByLabel('New alias').press('Enter')
  await edit.getByRole('button', { name: 'Save' }).click()
  await edit.waitFor({ state: 'detached' })
  await page.getByLabel('Search by name, category or alias').fill('gtxpro')
  await page.getByRole('heading', { name: '1 product' }).waitFor()
  const aliases = page.getByRole('list', { name: 'Aliases of GTX Pro' })
  expect(await aliases.textContent()).toBe('GTXPro')
  const card = page.getByRole('listitem').filter({ has: aliases })
  expect(await card.textContent()).toContain('4,821.00') // products.csv: GTX Pro,GTX,4821
  await context.close()
})
