/**
 * What Slack and Microsoft Teams accept from an incoming webhook, as small pure checks: each returns the list of
 * violations ([] when the body is valid). The digest renderers are tested against them, and the test receivers of
 * the webhooks (alerts/receiver.ts users) check what arrives with them.
 *
 * Slack Block Kit: ≤ 50 blocks; header plain_text ≤ 150; section text ≤ 3000, ≤ 10 fields of ≤ 2000; context
 * ≤ 10 elements; mrkdwn with & < > escaped except in <url|text> links; a fallback `text` for notifications.
 * Teams: a message whose attachment is an Adaptive Card (≤ 1.5 here; Teams renders up to 1.5), ≤ 28 KB.
 */

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

export const SLACK_LIMITS = {
  blocks: 50,
  header: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
}

/** A link token: <https://…|text>, with no raw < > inside. */
const SLACK_LINK = /<https?:\/\/[^\s<>|]+(?:\|[^<>]*)?>/g

/** Violations of mrkdwn's escaping: a raw < or > outside a link, or & not starting &amp; &lt; &gt;. */
function mrkdwnViolations(text: string, where: string): string[] {
  const out: string[] = []
  const outside = text.replace(SLACK_LINK, '')
  if (/[<>]/.test(outside)) out.push(`${where}: unescaped < or > outside a link`)
  if (/&(?!amp;|lt;|gt;)/.test(text)) out.push(`${where}: & not escaped as &amp;`)
  return out
}

function slackText(value: unknown, where: string, max: number, types: string[]): string[] {
  if (!isObject(value)) return [`${where}: missing text object`]
  if (typeof value.type !== 'string' || !types.includes(value.type))
    return [`${where}.type: expected ${types.join(' or ')}`]
  if (typeof value.text !== 'string' || value.text.length === 0) return [`${where}.text: empty`]
  const out = value.text.length > max ? [`${where}.text: ${value.text.length} characters, at most ${max}`] : []
  return value.type === 'mrkdwn' ? [...out, ...mrkdwnViolations(value.text, `${where}.text`)] : out
}

export function checkSlackBody(body: unknown): string[] {
  if (!isObject(body)) return ['body: not a JSON object']
  const out: string[] = []
  if (typeof body.text !== 'string' || body.text.trim() === '') out.push('text: the notification fallback is missing')
  if (!Array.isArray(body.blocks)) return [...out, 'blocks: not an array']
  if (body.blocks.length > SLACK_LIMITS.blocks)
    out.push(`blocks: ${body.blocks.length} blocks, at most ${SLACK_LIMITS.blocks}`)
  body.blocks.forEach((block: unknown, i) => {
    const where = `blocks[${i}]`
    if (!isObject(block)) return void out.push(`${where}: not an object`)
    switch (block.type) {
      case 'header':
        out.push(...slackText(block.text, `${where}.text`, SLACK_LIMITS.header, ['plain_text']))
        break
      case 'section': {
        if (block.text === undefined && block.fields === undefined) out.push(`${where}: needs text or fields`)
        if (block.text !== undefined)
          out.push(...slackText(block.text, `${where}.text`, SLACK_LIMITS.sectionText, ['mrkdwn', 'plain_text']))
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) out.push(`${where}.fields: not an array`)
          else {
            if (block.fields.length > SLACK_LIMITS.fields)
              out.push(`${where}.fields: ${block.fields.length} fields, at most ${SLACK_LIMITS.fields}`)
            block.fields.forEach((field: unknown, j) =>
              out.push(...slackText(field, `${where}.fields[${j}]`, SLACK_LIMITS.fieldText, ['mrkdwn', 'plain_text'])),
            )
          }
        }
        break
      }
      case 'context': {
        if (!Array.isArray(block.elements) || block.elements.length === 0)
          out.push(`${where}.elements: at least one element`)
        else {
          if (block.elements.length > SLACK_LIMITS.contextElements)
            out.push(`${where}.elements: at most ${SLACK_LIMITS.contextElements}`)
          block.elements.forEach((element: unknown, j) =>
            out.push(
              ...slackText(element, `${where}.elements[${j}]`, SLACK_LIMITS.sectionText, ['mrkdwn', 'plain_text']),
            ),
          )
        }
        break
      }
      case 'divider':
        break
      default:
        out.push(`${where}.type: ${typeof block.type === 'string' ? `unknown block type ${block.type}` : 'missing'}`)
    }
  })
  return out
}

/** Teams refuses a message card payload above about 28 KB. */
export const TEAMS_MAX_BYTES = 28 * 1024

const CARD_ELEMENTS = new Set(['TextBlock', 'FactSet', 'ColumnSet', 'Container'])

function cardElement(element: unknown, where: string): string[] {
  if (!isObject(element)) return [`${where}: not an object`]
  if (typeof element.type !== 'string') return [`${where}.type: missing`]
  if (!CARD_ELEMENTS.has(element.type)) return [`${where}.type: unknown element ${element.type}`]
  switch (element.type) {
    case 'TextBlock':
      return typeof element.text === 'string' && element.text !== '' ? [] : [`${where}.text: empty`]
    case 'FactSet':
      if (!Array.isArray(element.facts) || element.facts.length === 0) return [`${where}.facts: at least one fact`]
      return element.facts.flatMap((fact: unknown, i) =>
        isObject(fact) && typeof fact.title === 'string' && typeof fact.value === 'string'
          ? []
          : [`${where}.facts[${i}]: title and value must be text`],
      )
    case 'ColumnSet':
      if (!Array.isArray(element.columns)) return [`${where}.columns: not an array`]
      return element.columns.flatMap((column: unknown, i) =>
        isObject(column) && column.type === 'Column' && Array.isArray(column.items)
          ? column.items.flatMap((item: unknown, j) => cardElement(item, `${where}.columns[${i}].items[${j}]`))
          : [`${where}.columns[${i}]: a Column with items`],
      )
    default:
      return Array.isArray(element.items)
        ? element.items.flatMap((item: unknown, j) => cardElement(item, `${where}.items[${j}]`))
        : [`${where}.items: not an array`]
  }
}

export function checkTeamsBody(body: unknown): string[] {
  if (!isObject(body)) return ['body: not a JSON object']
  const out: string[] = []
  if (body.type !== 'message') out.push("type: must be 'message'")
  const size = Buffer.byteLength(JSON.stringify(body))
  if (size > TEAMS_MAX_BYTES) out.push(`body: ${size} bytes, at most ${TEAMS_MAX_BYTES}`)
  if (!Array.isArray(body.attachments) || body.attachments.length === 0)
    return [...out, 'attachments: at least one attachment']
  body.attachments.forEach((attachment: unknown, i) => {
    const where = `attachments[${i}]`
    if (!isObject(attachment)) return void out.push(`${where}: not an object`)
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive')
      out.push(`${where}.contentType: must be application/vnd.microsoft.card.adaptive`)
    const card = attachment.content
    if (!isObject(card)) return void out.push(`${where}.content: missing card`)
    if (card.type !== 'AdaptiveCard') out.push(`${where}.content.type: must be AdaptiveCard`)
    if (typeof card.version !== 'string' || !/^1\.[0-5]$/.test(card.version))
      out.push(`${where}.content.version: 1.0 … 1.5`)
    if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json')
      out.push(`${where}.content.$schema: the Adaptive Card schema`)
    if (!Array.isArray(card.body) || card.body.length === 0) out.push(`${where}.content.body: at least one element`)
    else card.body.forEach((element: unknown, j) => out.push(...cardElement(element, `${where}.content.body[${j}]`)))
    if (card.actions !== undefined) {
      if (!Array.isArray(card.actions)) out.push(`${where}.content.actions: not an array`)
      else
        card.actions.forEach((action: unknown, j) => {
          const at = `${where}.content.actions[${j}]`
          if (!isObject(action) || action.type !== 'Action.OpenUrl') return void out.push(`${at}.type: Action.OpenUrl`)
          if (typeof action.title !== 'string' || action.title === '') out.push(`${at}.title: empty`)
          if (typeof action.url !== 'string' || !/^https?:\/\//.test(action.url)) out.push(`${at}.url: an http(s) URL`)
        })
    }
  })
  return out
}
