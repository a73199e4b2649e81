import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n.tsx'
import { sendJson } from '../../../lib/http.ts'
import { mailKeys } from '../mail/mail.queries.ts'
import { PasswordResetEmailed, PasswordResetLink } from '@kpi/contract/password-reset'
import type { UserOut as User } from '@kpi/contract/users'

const ResetAnswer = PasswordResetEmailed.or(PasswordResetLink)

/** "Send reset link": e-mailed when sending is on; otherwise the link to copy and pass on by hand. */
export function ResetLinkCell({ user }: { user: User }) {
  const t = useT()
  const queryClient = useQueryClient()
  const [copied, setCopied] = useState(false)
  const send = useMutation({
    mutationFn: () => sendJson('POST', `/api/users/${user.id}/password-reset`, undefined, ResetAnswer),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailKeys.root }),
  })
  const answer = send.data
  return (
    <td className="reset-link-cell">
      <button
        type="button"
        aria-label={t('admin.users.sendResetOf', { who: user.email ?? user.name })}
        disabled={send.isPending || !user.active}
        onClick={() => {
          setCopied(false)
          send.mutate()
        }}
      >
        {t('admin.users.sendReset')}
      </button>
      {answer && 'delivery' in answer && <p role="status">{t('admin.users.resetEmailed')}</p>}
      {answer && 'link' in answer && (
        <div role="status">
          <p>{t('admin.users.resetLink', { who: user.email ?? user.name })}</p>
          <input
            readOnly
            value={answer.link}
            aria-label={t('admin.users.resetLink', { who: user.email ?? user.name })}
          />
          <button
            type="button"
            onClick={() => void navigator.clipboard?.writeText(answer.link).then(() => setCopied(true))}
          >
            {copied ? t('admin.users.copied') : t('admin.users.copy')}
          </button>
        </div>
      )}
      {send.error && (
        <p role="alert" className="field-error">
          {t('common.error', { message: send.error.message })}
        </p>
      )}
    </td>
  )
}
