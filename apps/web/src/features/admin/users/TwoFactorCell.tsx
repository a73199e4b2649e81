import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
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
        <ConfirmReset
          who={user.email ?? user.name}
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

/** Says what a reset does before it happens; focus starts on "Cancel", the harmless choice. */
function ConfirmReset(props: { who: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const t = useT()
  const id = useId()
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div
      className="panel confirm-panel"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel()
      }}
    >
      <p id={`${id}-title`}>
        <strong>{t('admin.users.resetTwoFactorTitle', { who: props.who })}</strong>
      </p>
      <p id={`${id}-text`}>{t('admin.users.resetTwoFactorText')}</p>
      <button type="button" disabled={props.busy} onClick={props.onConfirm}>
        {t('admin.users.resetTwoFactorConfirm')}
      </button>{' '}
      <button type="button" ref={cancel} onClick={props.onCancel}>
        {t('admin.users.cancel')}
      </button>
    </div>
  )
}
