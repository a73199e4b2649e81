/**
 * A digest as a Slack incoming webhook's body: `{ text, blocks }` within Block Kit's limits (./payload-rules.ts).
 * One section per focus area (split when it passes 3000 characters); when the blocks run out, the areas that do not
 * fit are counted in a "… and N more on the dashboard" line. `text` is the notification's fallback.
 */
import type { DigestContent, DigestKpi } from './content.ts'
import { SLACK_LIMITS } from './payload-rules.ts'
import { DIGEST_WORDS } from './words.ts'

/** & < > as entities: Slack reads them as control characters otherwise. */
export const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const link = (url: string, text: string) => `<${escapeMrkdwn(url.replace(/\|/g, '%7C'))}|${escapeMrkdwn(text)}>`
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text })
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

export function renderDigestSlack(content: DigestContent): Record<string, unknown> {
  const words = DIGEST_WORDS[content.locale]
  const status = (kpi: DigestKpi) => `${kpi.statusSymbol} ${kpi.statusLabel}`
  const was = (kpi: DigestKpi) => (kpi.changedFrom ? ` (${words.was} ${kpi.changedFrom.label})` : '')
  const kpiLine = (kpi: DigestKpi) => {
    const value = kpi.value ?? words.noValue
    const figure = kpi.target === null ? value : words.ofTarget(value, kpi.target)
    const pace = kpi.pace ? `\n      _${escapeMrkdwn(kpi.pace)}_` : ''
    return `• ${link(kpi.url, kpi.name)}: ${escapeMrkdwn(`${figure} — ${status(kpi)}${was(kpi)}`)}${pace}`
  }

  const head: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(content.subject, SLACK_LIMITS.header), emoji: false } },
    { type: 'context', elements: [mrkdwn(escapeMrkdwn(content.intro))] },
  ]
  if (content.empty) head.push({ type: 'section', text: mrkdwn(escapeMrkdwn(words.empty)) })
  if (content.changes.length > 0) {
    const title = content.recipientName === null ? words.changesForChannel : words.changes
    const lines = content.changes.map((kpi) => `• ${link(kpi.url, kpi.name)}: ${escapeMrkdwn(status(kpi) + was(kpi))}`)
    head.push(...sections(`*${escapeMrkdwn(title)}*`, lines))
  }
  const tail: Record<string, unknown>[] = [
    { type: 'divider' },
    {
      type: 'context',
      elements: [
        mrkdwn(link(content.dashboardUrl, words.openDashboard)),
        mrkdwn(`${escapeMrkdwn(content.footer)} ${link(content.settingsUrl, content.settingsUrl)}`),
      ],
    },
  ]
  // One block stays free for the "… and N more" line when areas are left out.
  const room = SLACK_LIMITS.blocks - head.length - tail.length - 1
  const body: Record<string, unknown>[] = []
  let left = 0
  for (const [i, area] of content.areas.entries()) {
    const blocks = [{ type: 'divider' }, ...sections(`*${escapeMrkdwn(area.name)}*`, area.kpis.map(kpiLine))]
    if (body.length + blocks.length > room) {
      left = content.areas.length - i
      break
    }
    body.push(...blocks)
  }
  if (left > 0) {
    const more = content.areas.slice(content.areas.length - left).reduce((n, area) => n + area.kpis.length, 0)
    body.push({ type: 'section', text: mrkdwn(link(content.dashboardUrl, words.more(more))) })
  }
  return { text: `${content.subject}\n${content.intro}`, blocks: [...head, ...body, ...tail] }
}

/** A title and lines as sections of at most 3000 characters each (a line too long for one is clipped). */
function sections(title: string, lines: string[]): Record<string, unknown>[] {
  const out: string[] = []
  let current = title
  for (const line of lines) {
    const next = `${current}\n${line}`
    if (next.length <= SLACK_LIMITS.sectionText) current = next
    else {
      out.push(current)
      current = clip(line, SLACK_LIMITS.sectionText)
    }
  }
  out.push(current)
  return out.map((text) => ({ type: 'section', text: mrkdwn(text) }))
}
