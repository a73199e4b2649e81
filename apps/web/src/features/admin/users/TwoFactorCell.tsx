import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ConfirmPanel } from '../../../components/admin-area/ConfirmPanel.tsx'
import { useT } from '../../../i18n/i18n.tsx'
import { sendJson } from '../../../lib/http.ts'
import { userKeys } from './users.queries.ts'
import { UserResponse, type UserOut as User } from '@kpi/contract/users'

/**
 * A person's two-factor codes: "On"/"Off" in words (never colour alone) and, when on, "Reset 2FA" behind a
 * confirmation that says what it does. Not on one's own row: the API refuses that (turning one's own codes off
 * asks for a code, under Security).
 */
export function TwoFactorCell({ user, isSelf }: { user: User; isSelf: boolean }) {
  const t = useT()
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const reset = useMutation({
    mutationFn: () => sendJson('DELETE', `/api/users/${user.id}/totp`, undefined, UserResponse),
    onSuccess: () => {
      setConfirming(false)
      return queryClient.invalidateQueries({ queryKey: userKeys.root })
    },
  })
  return (
    <td className="two-factor-cell">
      <span>{t(user.twoFactorEnabled ? 'admin.users.twoFactorOn' : 'admin.users.twoFactorOff')}</span>
      {user.twoFactorEnabled && !isSelf && !confirming && (
        <>
          {' '}
          <button
            type="button"
            aria-label={t('admin.users.resetTwoFactorOf', { who: user.email ?? user.name })}
            onClick={() => {
              reset.reset()
              setConfirming(true)
            }}
          >
            {t('admin.users.resetTwoFactor')}
          </button>
        </>
      )}
      {confirming && (
        <ConfirmPanel
          title={t('admin.users.resetTwoFactorTitle', { who: user.email ?? user.name })}
          text={t('admin.users.resetTwoFactorText')}
          confirmLabel={t('admin.users.resetTwoFactorConfirm')}
          cancelLabel={t('admin.users.cancel')}
          busy={reset.isPending}
          onConfirm={() => reset.mutate()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {reset.isSuccess && <p role="status">{t('admin.users.twoFactorResetDone', { who: user.email ?? user.name })}</p>}
      {reset.error && (
        <p role="alert" className="field-error">
          {t('common.error', { message: reset.error.message })}
        </p>
      )}
    </td>
  )
}
