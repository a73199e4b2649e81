import { useState } from 'react'
import { useT } from '../../i18n/i18n.tsx'

/** The API's minimum (contract: password min 8); checked here too so the person hears it before sending. */
export const MIN_PASSWORD_LENGTH = 8

export type NewPassword = { password: string; confirm: string }
export type NewPasswordErrors = Partial<Record<keyof NewPassword, string>>

/** What is wrong with a chosen password and its repetition: too short, or the two differ. Empty when fine. */
export function newPasswordErrors(values: NewPassword, t: ReturnType<typeof useT>): NewPasswordErrors {
  return {
    ...(values.password.length < MIN_PASSWORD_LENGTH ? { password: t('password.tooShort') } : {}),
    ...(values.confirm !== values.password ? { confirm: t('password.mismatch') } : {}),
  }
}

/** The pair's errors as found by the last submit; `check(values)` says whether they may be sent. */
export function useNewPasswordCheck() {
  const t = useT()
  const [errors, setErrors] = useState<NewPasswordErrors>({})
  const check = (values: NewPassword) => {
    const found = newPasswordErrors(values, t)
    setErrors(found)
    return Object.keys(found).length === 0
  }
  return { errors, check }
}

type Props = {
  /** Prefixes the inputs' ids (one page may hold only one pair). */
  idPrefix: string
  labels: { password: string; confirm: string }
  /** Shown under the first input. */
  hint?: string
  values: NewPassword
  /** The pair's own check (`newPasswordErrors`) and the API's (`apiFieldErrors`), each under its input. */
  errors: NewPasswordErrors
  onChange: (name: keyof NewPassword, value: string) => void
}

/**
 * "New password" and "the same again", for setup, reset and accepting an invitation: password managers offer to
 * generate (autocomplete new-password), and each error sits under its input, tied to it for screen readers.
 */
export function NewPasswordFields({ idPrefix, labels, hint, values, errors, onChange }: Props) {
  return (
    <>
      {(['password', 'confirm'] as const).map((name) => {
        const id = `${idPrefix}-${name}`
        const hintText = name === 'password' ? hint : undefined
        const described = [hintText ? `${id}-hint` : null, errors[name] ? `${id}-error` : null].filter(Boolean)
        return (
          <div className="auth-field" key={name}>
            <label htmlFor={id}>{labels[name]}</label>
            <input
              id={id}
              type="password"
              name={name}
              autoComplete="new-password"
              required
              value={values[name]}
              aria-invalid={errors[name] !== undefined}
              aria-describedby={described.join(' ') || undefined}
              onChange={(e) => onChange(name, e.target.value)}
            />
            {hintText && (
              <p className="auth-hint" id={`${id}-hint`}>
                {hintText}
              </p>
            )}
            {errors[name] && (
              <p className="auth-error" id={`${id}-error`} role="alert">
                {errors[name]}
              </p>
            )}
          </div>
        )
      })}
    </>
  )
}
