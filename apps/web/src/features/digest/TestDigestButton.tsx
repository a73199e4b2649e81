import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { digestKeys, sendTestDigest } from './digest.queries.ts'
import type { DigestSend } from '@kpi/contract/digests'

/**
 * "Send me a test": the digest as the saved choice makes it, now, to this person's own address. Says where it went,
 * or why it could not go (e-mail not configured on the server is the usual reason).
 */
export function TestDigestButton({ email }: { email: string }) {
  const t = useT()
  const client = useQueryClient()
  // The page's "Last digest" line now names this one.
  const test = useMutation({
    mutationFn: sendTestDigest,
    onSuccess: () => client.invalidateQueries({ queryKey: digestKeys.root }),
  })
  return (
    <div className="digest-test">
      <h2>{t('digest.testTitle')}</h2>
      <p>{t('digest.testIntro')}</p>
      <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
        {test.isPending ? t('digest.testSending') : t('digest.test')}
      </button>
      {test.data && <TestOutcome send={test.data} email={email} />}
      {test.error && (
        <p className="field-error" role="alert">
          {t('digest.testFailed', { reason: test.error.message })}
        </p>
      )}
    </div>
  )
}

function TestOutcome({ send, email }: { send: DigestSend; email: string }) {
  const t = useT()
  // Handed to the mail outbox (pending/sent): the outbox delivers it, retrying on its own. Otherwise why not.
  if (send.status === 'sent' || send.status === 'pending') return <p role="status">{t('digest.testSent', { email })}</p>
  return (
    <p className="field-error" role="alert">
      {t('digest.testFailed', { reason: reasonText(send.lastError, t) })}
    </p>
  )
}

// The API writes its reasons in English for the admin's log; the one a person can act on is worded for them.
function reasonText(error: string | null, t: (key: MessageKey, vars?: MessageVars) => string): string {
  if (error === null) return t('digest.testNoReason')
  if (/SMTP|not configured/i.test(error)) return t('digest.testNoMail')
  return error
}
