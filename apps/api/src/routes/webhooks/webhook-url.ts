import { checkHost, type WebhookEgress } from '../../alerts/egress.ts'
import { HttpError } from '../../http-errors.ts'

/**
 * Refuses, as a 400 naming body.url, a webhook URL whose host is or resolves to a non-public address (SSRF,
 * issue 14 F5). A name that does not resolve (yet) is accepted: nothing can be reached through it, and every send
 * checks the host again (alerts/egress.ts), so this is early feedback, not the guard.
 */
export async function assertReachableUrl(text: string, egress: WebhookEgress): Promise<void> {
  const check = await checkHost(new URL(text), egress)
  if (!check.ok && check.reason === 'not-public')
    throw new HttpError(
      'validation_failed',
      'must point to a public internet address, not a loopback, private, link-local, metadata or reserved one',
      'body.url',
    )
}
