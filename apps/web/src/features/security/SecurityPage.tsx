import { useForm } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { meKeys, useMe } from '../../lib/session/auth.queries.ts'
import type { TotpEnrolment } from '@kpi/contract/two-factor'
import { confirmTwoFactor, disableTwoFactor, startTwoFactor } from './two-factor.api.ts'
import './security.css'

/**
 * Security: turn two-factor codes on (QR code or secret, confirm with a code, then the recovery codes once) or off.
 * Also shown in place of every page while the organisation requires codes and this person has none.
 */
export default function SecurityPage() {
  const t = useT()
  const me = useMe()
  const queryClient = useQueryClient()
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null)
  // Kept here until "Done": the session's state changes only then, so the codes cannot vanish mid-read.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const start = useMutation({ mutationFn: startTwoFactor, onSuccess: setEnrolment })
  const refreshMe = () => queryClient.invalidateQueries({ queryKey: meKeys.root })
  const state = me?.twoFactor ?? { enabled: false, required: false }

  return (
    <section className="security-page" aria-labelledby="security-title">
      <h1 id="security-title">{t('security.title')}</h1>
      {state.required && !state.enabled && !recoveryCodes && (
        <p className="notice" role="status">
          {t('security.required')}
        </p>
      )}
      <h2>{t('security.twoFactor')}</h2>
      {recoveryCodes ? (
        <RecoveryCodeList
          codes={recoveryCodes}
          onDone={() => {
            setRecoveryCodes(null)
            setEnrolment(null)
            void refreshMe()
          }}
        />
      ) : state.enabled ? (
        <>
          <p className="security-state">{t('security.on')}</p>
          {state.required ? <p>{t('security.requiredCannotTurnOff')}</p> : <TurnOffForm onDone={refreshMe} />}
        </>
      ) : enrolment ? (
        <Enrolment enrolment={enrolment} onConfirmed={setRecoveryCodes} />
      ) : (
        <>
          <p>{t('security.off')}</p>
          <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
            {t('security.turnOn')}
          </button>
          {start.error && <p role="alert">{t('common.error', { message: start.error.message })}</p>}
        </>
      )}
    </section>
  )
}

function Enrolment({ enrolment, onConfirmed }: { enrolment: TotpEnrolment; onConfirmed: (codes: string[]) => void }) {
  const t = useT()
  const confirm = useMutation({ mutationFn: confirmTwoFactor, onSuccess: onConfirmed })
  const form = useForm({
    defaultValues: { code: '' },
    onSubmit: ({ value }) => confirm.mutateAsync(value.code).catch(() => undefined),
  })
  // The QR code is an SVG drawn by the API; as an <img> it can run nothing.
  const qrSource = `data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrCodeSvg)}`
  return (
    <form
      className="security-enrol"
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <ol>
        <li>
          {t('security.scan')}
          <img className="security-qr" src={qrSource} alt={t('security.qrAlt')} width={200} height={200} />
          <p>
            {t('security.typeSecret')} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
        </li>
        <li>
          <form.Field name="code">
            {(field) => (
              <label>
                {t('security.enterCode')}
                <input
                  name="code"
                  required
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  pattern="[0-9 ]{6,7}"
                  maxLength={7}
                  value={field.state.value}
                  onChange={(e) => field.handleChange(e.target.value)}
                />
              </label>
            )}
          </form.Field>
        </li>
      </ol>
      {confirm.error && <p role="alert">{codeError(confirm.error, t)}</p>}
      <button type="submit" disabled={confirm.isPending}>
        {t('security.confirm')}
      </button>
    </form>
  )
}

function RecoveryCodeList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  const text = `${codes.join('\n')}\n`
  return (
    <div className="security-codes">
      <p role="status">{t('security.codesIntro')}</p>
      <ul aria-label={t('security.codesLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="security-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}>
          {copied ? t('security.copied') : t('security.copy')}
        </button>
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="recovery-codes.txt">
          {t('security.download')}
        </a>
        <button type="button" onClick={onDone}>
          {t('security.done')}
        </button>
      </div>
    </div>
  )
}

function TurnOffForm({ onDone }: { onDone: () => void }) {
  const t = useT()
  const disable = useMutation({ mutationFn: disableTwoFactor, onSuccess: onDone })
  const form = useForm({
    defaultValues: { code: '' },
    onSubmit: ({ value }) => disable.mutateAsync(value.code).catch(() => undefined),
  })
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <form.Field name="code">
        {(field) => (
          <label>
            {t('security.turnOffCode')}
            <input
              name="code"
              required
              autoComplete="one-time-code"
              maxLength={32}
              value={field.state.value}
              onChange={(e) => field.handleChange(e.target.value)}
            />
          </label>
        )}
      </form.Field>
      {disable.error && <p role="alert">{codeError(disable.error, t)}</p>}
      <button type="submit" disabled={disable.isPending}>
        {t('security.turnOff')}
      </button>
    </form>
  )
}

function codeError(caught: Error, t: ReturnType<typeof useT>): string {
  if (caught instanceof ApiError && caught.field === 'body.code') return t('security.codeWrong')
  return t('common.error', { message: caught.message })
}
