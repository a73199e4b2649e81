/**
 * A digest as a Microsoft Teams message: one Adaptive Card (1.4, what Teams incoming webhooks and Workflows
 * render) with the title, the intro, what changed, a fact set per focus area (KPI → value of target — status) with
 * the pace lines under it, and buttons to the dashboard and the digest's settings. Areas that would push the
 * message past Teams' size limit are counted in a "… and N more on the dashboard" line.
 */
import type { DigestContent, DigestKpi } from './content.ts'
import { TEAMS_MAX_BYTES } from './payload-rules.ts'
import { DIGEST_WORDS } from './words.ts'

type Element = Record<string, unknown>

const SETTINGS_TITLE = { en: 'Digest settings', nl: 'Instellingen overzicht' } as const

export function renderDigestTeams(content: DigestContent): Record<string, unknown> {
  const words = DIGEST_WORDS[content.locale]
  const status = (kpi: DigestKpi) => `${kpi.statusSymbol} ${kpi.statusLabel}`
  const was = (kpi: DigestKpi) => (kpi.changedFrom ? ` (${words.was} ${kpi.changedFrom.label})` : '')
  const text = (value: string, extra: Element = {}): Element => ({
    type: 'TextBlock',
    text: value,
    wrap: true,
    ...extra,
  })
  const figure = (kpi: DigestKpi) => {
    const value = kpi.value ?? words.noValue
    return kpi.target === null ? value : words.ofTarget(value, kpi.target)
  }

  const head: Element[] = [
    text(content.subject, { size: 'Large', weight: 'Bolder' }),
    text(content.intro, { isSubtle: true, spacing: 'None' }),
  ]
  if (content.empty) head.push(text(words.empty))
  if (content.changes.length > 0)
    head.push(text(content.recipientName === null ? words.changesForChannel : words.changes, { weight: 'Bolder' }), {
      type: 'FactSet',
      facts: content.changes.map((kpi) => ({ title: kpi.name, value: status(kpi) + was(kpi) })),
    })
  const areas = content.areas.map((area) => {
    const paces = area.kpis.filter((kpi) => kpi.pace !== null).map((kpi) => `${kpi.name}: ${kpi.pace}`)
    return [
      text(area.name, { weight: 'Bolder', separator: true, spacing: 'Medium' }),
      {
        type: 'FactSet',
        facts: area.kpis.map((kpi) => ({ title: kpi.name, value: `${figure(kpi)} — ${status(kpi)}${was(kpi)}` })),
      },
      ...(paces.length > 0 ? [text(paces.join('\n\n'), { isSubtle: true, size: 'Small' })] : []),
    ]
  })
  const footer = text(content.footer, { isSubtle: true, size: 'Small', separator: true })
  const message = (body: Element[]) =>
    teamsMessage(body, [
      { type: 'Action.OpenUrl', title: words.openDashboard, url: content.dashboardUrl },
      { type: 'Action.OpenUrl', title: SETTINGS_TITLE[content.locale], url: content.settingsUrl },
    ])
  // Drop areas from the end until the message fits, counting their KPIs in a line that points at the dashboard.
  for (let shown = areas.length; shown >= 0; shown--) {
    const hidden = content.areas.slice(shown).reduce((n, area) => n + area.kpis.length, 0)
    const more = hidden > 0 ? [text(words.more(hidden), { weight: 'Bolder' })] : []
    const candidate = message([...head, ...areas.slice(0, shown).flat(), ...more, footer])
    if (shown === 0 || Buffer.byteLength(JSON.stringify(candidate)) <= TEAMS_MAX_BYTES) return candidate
  }
  throw new Error('unreachable')
}

/**
 * The one envelope Teams incoming webhooks and Power Automate workflows accept: a message with one Adaptive Card
 * 1.4, full width (Teams draws cards narrow unless told otherwise). Digests and zone changes alike.
 */
export function teamsMessage(body: Element[], actions: Element[]): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
          actions,
        },
      },
    ],
  }
}
