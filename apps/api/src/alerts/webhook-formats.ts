/**
 * A webhook delivery's body in the webhook's format (decision 0040). The stored payload is always our JSON event
 * (webhook-payload.ts, webhook-digest.ts, the test route); it is written for the receiving tool only when sent:
 * `json` → the event itself (signed), `slack` → `{ text, blocks }` for a Slack incoming webhook, `teams` → a message
 * with one Adaptive Card for a Teams incoming webhook or Power Automate workflow. Texts are in the webhook's
 * language; a status is always named in words and a symbol, never by colour alone.
 */
import type { WebhookFormat } from '@kpi/contract/webhooks'
import { formatNumber, NO_VALUE_TEXT } from '@kpi/domain/format'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { KPIS } from '@kpi/domain/kpis/registry'
import type { Status } from '@kpi/domain/status'
import type { DigestContent } from '../digests/content.ts'
import { renderDigestSlack, renderDigestTeams } from '../digests/render.ts'
import { escapeMrkdwn } from '../digests/render-slack.ts'
import { teamsMessage } from '../digests/render-teams.ts'
import { STATUS_WORDS } from '../digests/words.ts'
import { SLACK_LIMITS } from '../digests/payload-rules.ts'
import type { Locale } from '../kpi/kpi-card.ts'
import { notificationLink, notificationText } from './notification-text.ts'
import type { StatusChangedEvent } from './webhook-payload.ts'

/** What a body needs besides the payload: who it is for, and the names the payload only holds as keys. */
export type BodyContext = {
  format: WebhookFormat
  locale: Locale
  /** PUBLIC_URL without a trailing slash: links in Slack and Teams must be absolute. */
  publicUrl: string
  organizationName: string
  currency: string
  /** The names of the scopes the payload and the webhook mention ('team:3' → "Team North"). */
  scopeNames: ReadonlyMap<string, string>
  /** The webhook's own scope (null: the whole organisation), for the test message. */
  webhookScope: string | null
}

/** The JSON text to POST. Throws when the payload is not one we know how to write in a tool's format. */
export function webhookBody(payload: unknown, context: BodyContext): string {
  if (context.format === 'json') return JSON.stringify(payload)
  const event = payload as { type?: unknown }
  const message =
    event.type === 'kpi.digest'
      ? digestMessage((payload as { digest: DigestContent }).digest, context.format)
      : event.type === 'kpi.status_changed'
        ? zoneChangeMessage(payload as StatusChangedEvent, context)
        : event.type === 'kpi.test'
          ? testMessage(context)
          : null
  if (message === null) throw new Error(`no ${context.format} body for a payload of type ${String(event.type)}`)
  return JSON.stringify(message)
}

function digestMessage(digest: DigestContent, format: 'slack' | 'teams'): Record<string, unknown> {
  return format === 'slack' ? renderDigestSlack(digest) : renderDigestTeams(digest)
}

// --- words ---

const WORDS = {
  en: {
    status: 'Status',
    previously: 'Previously',
    value: 'Value',
    open: 'Open in the dashboard',
    testTitle: 'Test message from the KPI dashboard',
    testBody: (org: string, scope: string) =>
      `This channel is connected to the KPI dashboard of ${org}. A message arrives here when a KPI of ${scope} changes zone (on track, needs attention, critical), and with the digest when one is scheduled.`,
    openDashboard: 'Open the dashboard',
  },
  nl: {
    status: 'Status',
    previously: 'Eerder',
    value: 'Waarde',
    open: 'Openen in het dashboard',
    testTitle: 'Testbericht van het KPI-dashboard',
    testBody: (org: string, scope: string) =>
      `Dit kanaal is gekoppeld aan het KPI-dashboard van ${org}. Hier komt een bericht binnen wanneer een KPI van ${scope} van zone wisselt (op koers, aandacht nodig, kritiek), en het overzicht als dat is ingepland.`,
    openDashboard: 'Het dashboard openen',
  },
} as const

/** "✓ On track" / "✕ Kritiek": the symbol the gauges show, then the words (the digest's and the web app's). */
export function statusWords(status: string, locale: Locale): string {
  const known = STATUS_WORDS[locale][status as Status] as { symbol: string; label: string } | undefined
  return known ? `${known.symbol} ${known.label}` : status
}

const statusSymbol = (status: string) =>
  (STATUS_WORDS.en[status as Status] as { symbol: string } | undefined)?.symbol ?? ''

function valueText(event: StatusChangedEvent, context: BodyContext): string {
  const kpi = KPIS[event.kpiKey as KpiKey] as (typeof KPIS)[KpiKey] | undefined
  if (event.value === null) return NO_VALUE_TEXT
  if (!kpi) return String(event.value)
  return formatNumber(event.value, kpi.unit, kpi.format, context.locale, context.currency)
}

type Message = {
  title: string
  facts: { title: string; value: string }[]
  link: string
  linkText: string
  /** The new status, for a Teams accent colour (beside the words and the symbol, never instead of them). */
  status?: string
}

function zoneChange(event: StatusChangedEvent, context: BodyContext): Message {
  const words = WORDS[context.locale]
  const scopeName = context.scopeNames.get(event.scope) ?? event.scope
  const sentence = notificationText(event.kpiKey, scopeName, event.to, event.period, context.locale)
  return {
    title: `${statusSymbol(event.to)} ${sentence}`.trim(),
    facts: [
      { title: words.status, value: statusWords(event.to, context.locale) },
      { title: words.previously, value: statusWords(event.from, context.locale) },
      { title: words.value, value: valueText(event, context) },
    ],
    link: `${context.publicUrl}${notificationLink(event.kpiKey, event.scope, event.period.type, event.period.startDate)}`,
    linkText: words.open,
    status: event.to,
  }
}

function zoneChangeMessage(event: StatusChangedEvent, context: BodyContext): Record<string, unknown> {
  const change = zoneChange(event, context)
  return context.format === 'slack' ? slackMessage(change) : teamsCard(change)
}

function testMessage(context: BodyContext): Record<string, unknown> {
  const words = WORDS[context.locale]
  const scope = context.webhookScope === null ? null : context.scopeNames.get(context.webhookScope)
  const message: Message = {
    title: `✓ ${words.testTitle}`,
    facts: [],
    link: `${context.publicUrl}/`,
    linkText: words.openDashboard,
  }
  const body = words.testBody(context.organizationName, scope ?? context.organizationName)
  return context.format === 'slack' ? slackMessage(message, body) : teamsCard(message, body)
}

// --- Slack: https://api.slack.com/messaging/webhooks, Block Kit (digests/payload-rules.ts: what Slack accepts) ---

/**
 * Slack's mrkdwn reads `<…>` as links and mentions (`<!channel>`) and `&` as an entity: names typed by people
 * (a team called "<!channel>") are escaped, so they print as typed and never ping anyone. The header block is
 * plain text, which Slack never reads as markup.
 */
function slackMessage(message: Message, body?: string): Record<string, unknown> {
  const mrkdwn = (text: string) => ({ type: 'mrkdwn', text })
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(message.title, SLACK_LIMITS.header), emoji: false } },
  ]
  if (body) blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(body)) })
  if (message.facts.length > 0)
    blocks.push({
      type: 'section',
      fields: message.facts.map((f) => mrkdwn(`*${escapeMrkdwn(f.title)}*\n${escapeMrkdwn(f.value)}`)),
    })
  blocks.push({ type: 'section', text: mrkdwn(`<${escapeMrkdwn(message.link)}|${escapeMrkdwn(message.linkText)}>`) })
  // `text` is what notifications and screen readers use; the blocks are what the channel shows.
  return { text: escapeMrkdwn(message.title), blocks }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

// --- Microsoft Teams: a message with one Adaptive Card (incoming webhooks and Power Automate workflows alike) ---

const CARD_COLOUR: Record<string, string> = { green: 'Good', orange: 'Warning', red: 'Attention' }

function teamsCard(message: Message, body?: string): Record<string, unknown> {
  const card: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: message.title,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      ...(message.status && CARD_COLOUR[message.status] ? { color: CARD_COLOUR[message.status] } : {}),
    },
  ]
  if (body) card.push({ type: 'TextBlock', text: body, wrap: true })
  if (message.facts.length > 0) card.push({ type: 'FactSet', facts: message.facts })
  return teamsMessage(card, [{ type: 'Action.OpenUrl', title: message.linkText, url: message.link }])
}
