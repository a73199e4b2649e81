import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PASSWORD, login, newPage, openBrowser, screenshot } from './support/browser.ts'
import { startServer, type RunningServer } from './support/server.ts'

// A server of its own that may post to 127.0.0.1 (WEBHOOK_ALLOW_PRIVATE_HOSTS): the receivers below stand in for
// Slack (200 "ok"), Microsoft Teams (202) and a channel that was removed (404), and keep every body they get.
let server: RunningServer
let browser: Browser
let receiver: Server
let receiverUrl: string
const received: { path: string; body: unknown }[] = []

beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    const path = req.url ?? '/'
    received.push({ path, body: JSON.parse(raw) as unknown })
    if (path.startsWith('/slack/')) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    else if (path.startsWith('/teams/')) res.writeHead(202).end()
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  ;[server, browser] = await Promise.all([startServer({ env: { WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true' } }), openBrowser()])
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()))
})

/** Adds a webhook through the form; answers the name the list shows it by (host and the URL's last 4 characters). */
async function addWebhook(
  page: Page,
  { path, format, about, language }: { path: string; format: string; about?: string; language?: string },
) {
  await page.getByRole('button', { name: 'Add webhook' }).click()
  const form = page.getByRole('form', { name: 'Add webhook' })
  await form.getByLabel('Webhook URL', { exact: true }).fill(`${receiverUrl}${path}`)
  await form.getByRole('radio', { name: format }).check()
  if (language) await form.getByLabel('Language', { exact: true }).selectOption({ label: language })
  if (about) await form.getByLabel('About', { exact: true }).selectOption({ label: about })
  await form.getByRole('button', { name: 'Save' }).click()
  await form.waitFor({ state: 'detached' })
  return `${new URL(receiverUrl).host}/…/${path.slice(-4)}`
}

/** Presses "Send a test" on a webhook's card and answers the outcome line. */
async function sendTest(page: Page, name: string) {
  const card = page.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) })
  await card.getByRole('button', { name: `Send a test to ${name}` }).click()
  const outcome = card.getByRole('status').filter({ hasText: 'Test message:' })
  await outcome.waitFor()
  return { card, text: (await outcome.textContent()) ?? '' }
}

describe('webhooks admin', () => {
  test('an admin adds Slack and Teams webhooks, tests them, reads the deliveries; a phone shows it all', async () => {
    const { context, page } = await newPage(browser, server.baseUrl)
    await page.goto('/admin#webhooks')
    await login(page, 'admin@example.com')
    await page.getByRole('heading', { level: 2, name: 'Webhooks' }).waitFor()

    // Slack, about team North, with a weekly digest on Monday 08:00 (the form's defaults for the day and hour).
    await page.getByRole('button', { name: 'Add webhook' }).click()
    const form = page.getByRole('form', { name: 'Add webhook' })
    await form.getByLabel('Webhook URL', { exact: true }).fill(`${receiverUrl}/slack/T0001/B0002/s3cr3tPathAbcd`)
    await form.getByRole('radio', { name: 'Slack' }).check()
    await form.getByLabel('About', { exact: true }).selectOption({ label: 'North' })
    await form.getByLabel('Digest', { exact: true }).selectOption({ label: 'Zone changes and a weekly digest' })
    await form.getByRole('button', { name: 'Save' }).click()
    await form.waitFor({ state: 'detached' })
    const slack = `${new URL(receiverUrl).host}/…/Abcd`
    // The list never shows the secret path of the URL.
    expect(await page.locator('.webhooks').textContent()).not.toContain('s3cr3tPath')

    const slackTest = await sendTest(page, slack)
    expect(slackTest.text).toBe('Test message: ✓ Delivered')
    const slackBody = received.find((r) => r.path.startsWith('/slack/'))!.body as { text: string; blocks: unknown[] }
    expect(Array.isArray(slackBody.blocks)).toBe(true)
    expect(slackBody.blocks.length).toBeGreaterThan(0)
    expect((slackBody.blocks[0] as { type: string }).type).toBe('header')
    expect(typeof slackBody.text).toBe('string')
    expect(await slackTest.card.locator('dl').textContent()).toContain('Weekly, Monday 08:00')
    expect(await slackTest.card.locator('dl').textContent()).toContain('North')

    // Microsoft Teams, whole organisation, in Dutch: one Adaptive Card in a message.
    const teams = await addWebhook(page, {
      path: '/teams/webhookb2/tenant/Wxyz',
      format: 'Microsoft Teams',
      language: 'Dutch',
    })
    expect((await sendTest(page, teams)).text).toBe('Test message: ✓ Delivered')
    const teamsBody = received.find((r) => r.path.startsWith('/teams/'))!.body as {
      type: string
      attachments: { contentType: string; content: { type: string; body: { text?: string }[] } }[]
    }
    expect(teamsBody.type).toBe('message')
    expect(teamsBody.attachments).toHaveLength(1)
    expect(teamsBody.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(teamsBody.attachments[0]!.content.type).toBe('AdaptiveCard')

    // A receiver that answers 404: not delivered, the reason, and a retry later.
    const gone = await addWebhook(page, { path: '/removed/channel/Gone', format: 'Slack' })
    const goneTest = await sendTest(page, gone)
    expect(goneTest.text).toMatch(/^Test message: … Not delivered yet — HTTP 404; next try /)

    // The deliveries of the Slack webhook: the test, delivered, after one attempt; none failed.
    const slackCard = slackTest.card
    await slackCard.getByRole('button', { name: `Deliveries of ${slack}` }).click()
    const deliveries = slackCard.getByRole('list', { name: 'Deliveries' })
    await deliveries.waitFor()
    expect(await deliveries.getByRole('listitem').count()).toBe(1)
    const item = (await deliveries.getByRole('listitem').first().textContent()) ?? ''
    expect(item).toMatch(/^Test · /)
    expect(item).toContain('✓ Delivered')
    expect(item).toContain('1 attempt · HTTP 200')
    await slackCard.getByLabel('Show').selectOption({ label: 'Failed' })
    await slackCard.getByText('No deliveries like this.').waitFor()
    await slackCard.getByLabel('Show').selectOption({ label: 'All' })
    await deliveries.waitFor()

    // A phone: every card, the open deliveries and the buttons fit 390 px without scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByRole('button', { name: 'Add webhook' }).click()
    await page.getByRole('form', { name: 'Add webhook' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.getByRole('form', { name: 'Add webhook' }).getByRole('button', { name: 'Cancel' }).click()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    await page.setViewportSize({ width: 1280, height: 1000 })
    await page.getByRole('heading', { level: 2, name: 'Webhooks' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'admin-webhooks')
    await context.close()

    // The same list in Dutch on a phone: schedule, scope and the last delivery in Dutch, nothing wider than 390 px.
    const nl = await newPage(browser, server.baseUrl, { locale: 'nl-NL' })
    await nl.page.setViewportSize({ width: 390, height: 844 })
    await nl.page.goto('/admin#webhooks')
    // The Dutch login form (support/browser.ts's login reads the English labels).
    await nl.page.getByLabel('E-mail', { exact: true }).fill('admin@example.com')
    await nl.page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD)
    await nl.page.getByRole('button', { name: 'Inloggen' }).click()
    const slackNl = nl.page.getByRole('listitem').filter({ has: nl.page.getByText(slack, { exact: true }) })
    await slackNl.getByText('✓ Afgeleverd').waitFor()
    expect(await slackNl.locator('dl').textContent()).toContain('Wekelijks, maandag 08:00')
    const goneNl = nl.page.getByRole('listitem').filter({ has: nl.page.getByText(gone, { exact: true }) })
    expect(await goneNl.locator('dl').textContent()).toMatch(/Nog niet afgeleverd — HTTP 404; volgende poging /)
    expect(await nl.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await nl.context.close()
  })
})
