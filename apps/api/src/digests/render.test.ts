/**
 * The renderers on hand-made content: e-mail HTML that mail clients render safely (no scripts, nothing fetched
 * from outside, escaped names, readable contrast), a text part that carries every figure, and Slack and Teams
 * bodies inside their platforms' rules — with the rules themselves shown to reject broken bodies.
 */
import type { Status } from '@kpi/domain/status'
import { describe, expect, test } from 'vitest'
import type { DigestContent, DigestKpi } from './content.ts'
import { checkSlackBody, checkTeamsBody, TEAMS_MAX_BYTES } from './payload-rules.ts'
import { renderDigestMail, renderDigestSlack, renderDigestTeams } from './render.ts'
import { STATUS_WORDS } from './words.ts'

const url = 'https://kpi.example.test'
const hostile = '<b>&"Bold\''

function kpi(key: string, name: string, status: Status, extra: Partial<DigestKpi> = {}): DigestKpi {
  return {
    key: key as DigestKpi['key'],
    name,
    value: '€4,500',
    target: '€10,000',
    status,
    statusLabel: STATUS_WORDS.en[status].label,
    statusSymbol: STATUS_WORDS.en[status].symbol,
    progress: 0.45,
    pace: 'For the team to reach €10,000: €290 more per working day (€5,500 still needed, 19 working days left).',
    changedFrom: null,
    url: `${url}/kpi/${key}?scope=team%3A1&period=month&date=2026-12-01`,
    ...extra,
  }
}

const revenue = kpi('revenue.won', `Won revenue ${hostile}`, 'green', {
  changedFrom: { status: 'orange', label: 'Needs attention' },
})
const meetings = kpi('activity.meetings', 'Meetings', 'red', {
  value: '2',
  target: '20',
  progress: 0.1,
  pace: 'For the team to reach 20: 1 more every working day (18 still needed, 19 working days left).',
})
const winRate = kpi('deals.win_rate', 'Win rate', 'no-target', {
  value: '66.7%',
  target: null,
  progress: null,
  pace: null,
})
const noData = kpi('customers.nps', 'NPS', 'no-data', { value: null, target: null, progress: null, pace: null })

function content(overrides: Partial<DigestContent> = {}): DigestContent {
  return {
    locale: 'en',
    organizationName: `Hand ${hostile}`,
    recipientName: `Mia ${hostile}`,
    scope: 'team:1',
    scopeName: `Team ${hostile}`,
    period: { type: 'month', label: 'December 2026', startDate: '2026-12-01', endDate: '2027-01-01' },
    subject: `Your weekly digest: Team ${hostile} — December 2026`,
    intro: 'Figures up to Friday 4 December 2026, 08:00 — 19 of 22 working days to go.',
    areas: [
      { key: 'results', name: `Results ${hostile}`, kpis: [revenue, winRate] },
      { key: 'effort', name: 'Effort', kpis: [meetings, noData] },
    ],
    changes: [revenue],
    dashboardUrl: `${url}/?scope=team%3A1&period=month&date=2026-12-04`,
    settingsUrl: `${url}/me/digest`,
    footer: 'You receive this weekly digest because of your settings at Hand. Change or stop it:',
    statuses: { 'revenue.won': 'green', 'activity.meetings': 'red' },
    empty: false,
    ...overrides,
  }
}

/** Many areas of three KPIs each: more than Slack's 50 blocks and Teams' 28 KB hold. */
const crowded = () =>
  content({
    areas: Array.from({ length: 40 }, (_, i) => ({
      key: `area${i}`,
      name: `Area ${i} ${'x'.repeat(40)}`,
      kpis: [
        kpi(`k${i}.a`, `KPI ${i}a`, 'green'),
        kpi(`k${i}.b`, `KPI ${i}b`, 'orange'),
        kpi(`k${i}.c`, `KPI ${i}c`, 'red'),
      ],
    })),
  })

/** WCAG relative luminance contrast of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
}

describe('e-mail', () => {
  const mail = renderDigestMail(content())

  test('HTML with nothing a mail client would block or fetch: no scripts, styles sheets, fonts or outside images', () => {
    expect(mail.html).not.toMatch(/<script/i)
    expect(mail.html).not.toMatch(/<style/i)
    expect(mail.html).not.toMatch(/<link/i)
    expect(mail.html).not.toMatch(/<img/i)
    expect(mail.html).not.toMatch(/src=/i)
    expect(mail.html).not.toMatch(/url\(/i)
    expect(mail.html).not.toMatch(/\son\w+=/i) // no event handlers
    // Every link goes into the product.
    const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!)
    expect(hrefs.length).toBeGreaterThan(4)
    for (const href of hrefs) expect(href.startsWith(`${url}/`)).toBe(true)
    // At most 600 px wide.
    const widths = [...mail.html.matchAll(/(?:max-width:|width=")(\d+)(?:px|")/g)].map((m) => Number(m[1]))
    expect(Math.max(...widths)).toBe(600)
  })

  test('names are escaped, never markup', () => {
    expect(mail.html).not.toContain(hostile)
    expect(mail.html).toContain('&lt;b&gt;&amp;&quot;Bold&#39;')
    expect(mail.html).toContain('Won revenue &lt;b&gt;&amp;&quot;Bold&#39;')
    expect(mail.html).toContain('Team &lt;b&gt;')
  })

  test('every text colour on the light background reads at ≥ 4.5:1', () => {
    const colours = new Set([...mail.html.matchAll(/[^-]color:(#[0-9a-f]{6})/gi)].map((m) => m[1]!.toLowerCase()))
    colours.delete('#ffffff') // the button's label, on the dark blue button
    expect(colours.size).toBeGreaterThan(3)
    for (const colour of colours) expect(contrastOnWhite(colour), colour).toBeGreaterThanOrEqual(4.5)
    expect(contrastOnWhite('#1d4ed8')).toBeGreaterThanOrEqual(4.5) // so white on the button reads too
  })

  test('a bar per KPI with a target: nested cells with widths in %, full at 100 % and beyond', () => {
    expect(mail.html).toContain('<td width="45%"') // 0.45
    expect(mail.html).toContain('<td width="55%"')
    expect(mail.html).toContain('<td width="10%"') // meetings 0.1
    const over = renderDigestMail(content({ areas: [{ key: 'a', name: 'A', kpis: [{ ...meetings, progress: 1.3 }] }] }))
    expect(over.html).toContain('<td width="100%" style="background:#d64545')
    expect(over.html).not.toContain('width="0%"')
  })

  test('the text part says every figure, status and pace line, changes first, and every link written out', () => {
    const { text } = mail
    for (const k of [revenue, meetings, winRate, noData]) {
      expect(text).toContain(k.name)
      expect(text).toContain(`${k.statusSymbol} ${k.statusLabel}`)
      expect(text).toContain(k.url)
      if (k.pace) expect(text).toContain(k.pace)
    }
    expect(text).toContain('- Won revenue <b>&"Bold\': €4,500 of €10,000 (45%) — ✓ On track (was Needs attention)')
    expect(text).toContain('- Meetings: 2 of 20 (10%) — ✕ Critical')
    expect(text).toContain('- Win rate: 66.7% — – No target')
    expect(text).toContain('- NPS: — — ? No data')
    expect(text.indexOf('Changed since your last digest')).toBeLessThan(text.indexOf('RESULTS'))
    expect(text).toContain(`Open the dashboard: ${url}/?scope=team%3A1&period=month&date=2026-12-04`)
    expect(text).toContain(`${url}/me/digest`)
    expect(mail.subject).toBe(content().subject)
  })

  test('in Dutch, and an empty digest says so', () => {
    const nl = renderDigestMail(content({ locale: 'nl', empty: true, changes: [], areas: [] }))
    expect(nl.text).toContain('Hallo Mia')
    expect(nl.text).toContain('Nog niets te melden: geen doelen en geen cijfers voor deze periode.')
    expect(nl.html).toContain('<html lang="nl">')
    expect(nl.html).toContain('Open het dashboard')
    expect(renderDigestMail(content({ locale: 'nl' })).text).toContain('Veranderd sinds je vorige overzicht')
  })
})

describe('Slack', () => {
  test('blocks within the rules: header, intro, changes, one section per area, links as <url|text>', () => {
    const body = renderDigestSlack(content())
    expect(checkSlackBody(body)).toEqual([])
    // The header is plain_text (shown as it is); everything else is mrkdwn, escaped.
    const [header, ...rest] = body.blocks as { text: { text: string } }[]
    expect(header!.text.text).toBe(content().subject)
    const json = JSON.stringify({ text: body.text, rest })
    expect(json).not.toContain('<b>')
    expect(json).toContain('Won revenue &lt;b&gt;&amp;\\"Bold')
    expect(json).toContain(`<${url}/kpi/revenue.won?scope=team%3A1&amp;period=month&amp;date=2026-12-01|Won revenue`)
    expect(body.text).toContain('Your weekly digest')
  })

  test('too many areas: 50 blocks at most, the rest counted on a line to the dashboard; a long title is cut', () => {
    const body = renderDigestSlack(crowded())
    expect(checkSlackBody(body)).toEqual([])
    const blocks = body.blocks as { type: string; text?: { text: string } }[]
    expect(blocks.length).toBeLessThanOrEqual(50)
    const shownAreas = blocks.filter((b) => b.text?.text.startsWith('*Area ')).length
    const more = blocks.find((b) => b.text?.text.includes('more on the dashboard'))!
    expect(more.text!.text).toContain(`… and ${(40 - shownAreas) * 3} more on the dashboard`)
    const long = renderDigestSlack(content({ subject: 'S'.repeat(200) }))
    expect(checkSlackBody(long)).toEqual([])
    expect((long.blocks as { text: { text: string } }[])[0]!.text.text).toHaveLength(150)
  })

  test('the rules reject broken bodies', () => {
    const ok = renderDigestSlack(content())
    const blocks = ok.blocks as Record<string, unknown>[]
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'x' } }
    expect(checkSlackBody({ ...ok, blocks: Array.from({ length: 51 }, () => section) })).toEqual([
      'blocks: 51 blocks, at most 50',
    ])
    expect(
      checkSlackBody({ ...ok, blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }),
    ).toEqual(['blocks[0].text.text: 151 characters, at most 150'])
    expect(checkSlackBody({ ...ok, blocks: [...blocks, { text: { type: 'mrkdwn', text: 'x' } }] })).toEqual([
      `blocks[${blocks.length}].type: missing`,
    ])
    expect(
      checkSlackBody({ ...ok, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a <b> & c' } }] }),
    ).toEqual(['blocks[0].text.text: unescaped < or > outside a link', 'blocks[0].text.text: & not escaped as &amp;'])
    expect(checkSlackBody({ blocks })).toEqual(['text: the notification fallback is missing'])
    expect(checkSlackBody({ ...ok, text: 'a <b>' })).toEqual(['text: unescaped < or > outside a link'])
    expect(
      checkSlackBody({ ...ok, blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => section.text) }] }),
    ).toEqual(['blocks[0].fields: 11 fields, at most 10'])
  })
})

describe('Microsoft Teams', () => {
  test('a message with one Adaptive Card: title, changes, a fact set per area, pace lines, buttons', () => {
    const body = renderDigestTeams(content())
    expect(checkTeamsBody(body)).toEqual([])
    const card = (body.attachments as { content: { body: Record<string, unknown>[]; actions: unknown[] } }[])[0]!
      .content
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: content().subject })
    expect(card.body).toContainEqual({
      type: 'FactSet',
      facts: [
        { title: revenue.name, value: '€4,500 of €10,000 — ✓ On track (was Needs attention)' },
        { title: 'Win rate', value: '66.7% — – No target' },
      ],
    })
    expect(JSON.stringify(card.body)).toContain(`Meetings: ${meetings.pace}`)
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open the dashboard', url: content().dashboardUrl },
      { type: 'Action.OpenUrl', title: 'Digest settings', url: `${url}/me/digest` },
    ])
  })

  test('too much for one message: areas left out are counted, the message stays within 28 KB', () => {
    const body = renderDigestTeams(crowded())
    expect(checkTeamsBody(body)).toEqual([])
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(TEAMS_MAX_BYTES)
    expect(JSON.stringify(body)).toMatch(/… and \d+ more on the dashboard/)
  })

  test('the rules reject broken bodies', () => {
    const ok = renderDigestTeams(content()) as { attachments: { content: Record<string, unknown> }[] }
    const card = ok.attachments[0]!.content
    const withCard = (changes: Record<string, unknown>) => ({
      ...ok,
      attachments: [{ ...ok.attachments[0], content: { ...card, ...changes } }],
    })
    expect(checkTeamsBody({ ...ok, type: undefined })).toEqual(["type: must be 'message'"])
    expect(checkTeamsBody({ ...ok, attachments: [{ ...ok.attachments[0], contentType: 'text/html' }] })).toEqual([
      'attachments[0].contentType: must be application/vnd.microsoft.card.adaptive',
    ])
    expect(checkTeamsBody(withCard({ body: [{ text: 'no type' }] }))).toEqual([
      'attachments[0].content.body[0].type: missing',
    ])
    expect(checkTeamsBody(withCard({ actions: [{ type: 'Action.OpenUrl', title: 'x' }] }))).toEqual([
      'attachments[0].content.actions[0].url: an http(s) URL',
    ])
    expect(checkTeamsBody(withCard({ body: [{ type: 'TextBlock', text: 'x'.repeat(TEAMS_MAX_BYTES) }] }))).toHaveLength(
      1,
    )
  })
})
