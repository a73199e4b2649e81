import type { MessageKey, MessageVars } from '../../../i18n/messages.ts'
import type { WebhookRow } from './webhooks.queries.ts'

type T = (key: MessageKey, vars?: MessageVars) => string

/**
 * A webhook URL as the list shows it: the host and the last 4 characters of the rest. Slack and Teams URLs carry
 * their secret in the path (whoever knows one can post to the channel), so the page never shows them whole.
 */
export function maskUrl(text: string): string {
  let host: string
  let rest: string
  try {
    const url = new URL(text)
    host = url.host
    rest = `${url.pathname}${url.search}`.replace(/\/+$/, '')
  } catch {
    return `…${text.slice(-4)}`
  }
  if (rest === '') return host
  return `${host}/…/${rest.slice(-4)}`
}

/** ISO weekday (1 = Monday) in the reader's language: 1 Jan 2024 was a Monday. */
export const weekdayName = (intlLocale: string, weekday: number) =>
  new Date(Date.UTC(2024, 0, weekday)).toLocaleString(intlLocale, { weekday: 'long', timeZone: 'UTC' })

export const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`

/** "Weekly, Monday 08:00", "Daily, 08:00" or "Zone changes only". */
export function scheduleText(t: T, intlLocale: string, digest: WebhookRow['digest']): string {
  if (digest.frequency === 'off') return t('admin.webhooks.schedule.off')
  if (digest.frequency === 'daily') return t('admin.webhooks.schedule.daily', { hour: hourText(digest.hour) })
  return t('admin.webhooks.schedule.weekly', {
    weekday: weekdayName(intlLocale, digest.weekday),
    hour: hourText(digest.hour),
  })
}

// The API words a failed send in English (alerts/webhooks.ts); these two are the ones it ever writes besides "HTTP n".
const KNOWN_ERRORS: Record<string, MessageKey> = {
  'the receiver could not be reached': 'admin.webhooks.error.unreachable',
  'the receiver address is not public': 'admin.webhooks.error.notPublic',
}

/** A delivery's last error in the reader's language ("HTTP 404" reads the same in both). */
export const errorText = (t: T, error: string) => {
  const key = KNOWN_ERRORS[error]
  return key ? t(key) : error
}

/** What a delivery was about: a zone change, a digest, a test; an unknown type as the API names it. */
export function deliveryTypeText(t: T, type: string): string {
  const key = DELIVERY_TYPES[type]
  return key ? t(key) : type
}
const DELIVERY_TYPES: Record<string, MessageKey> = {
  'kpi.status_changed': 'admin.webhooks.type.statusChanged',
  'kpi.digest': 'admin.webhooks.type.digest',
  'kpi.test': 'admin.webhooks.type.test',
}
