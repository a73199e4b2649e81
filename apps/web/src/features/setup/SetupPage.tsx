import { useForm, useStore } from '@tanstack/react-form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useMemo } from 'react'
import { AuthCard } from '../../components/auth-card/AuthCard.tsx'
import { NewPasswordFields, useNewPasswordCheck } from '../../components/auth-card/NewPasswordFields.tsx'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { meKeys } from '../../lib/session/auth.queries.ts'
import { browserTimeZone, currencies, monthNames, timeZones } from './setup-choices.ts'
import { runSetup, setupKeys, setupStatusQuery } from './setup.queries.ts'
import './setup.css'

type Values = {
  name: string
  timeZone: string
  currency: string
  fiscalYearStartMonth: number
  adminName: string
  email: string
  password: string
  confirm: string
}

/** The form's inputs by the API's field (`body.organization.timeZone` → timeZone), for its 400s. */
const INPUT_OF: Record<string, keyof Values> = {
  'organization.name': 'name',
  'organization.timeZone': 'timeZone',
  'organization.currency': 'currency',
  'organization.fiscalYearStartMonth': 'fiscalYearStartMonth',
  'admin.name': 'adminName',
  'admin.email': 'email',
  'admin.password': 'password',
}

function serverErrors(error: unknown): Partial<Record<keyof Values | 'form', string>> {
  if (!(error instanceof Error)) return {}
  const field = error instanceof ApiError ? error.field?.replace(/^body\./, '') : undefined
  return { [(field && INPUT_OF[field]) ?? 'form']: error.message }
}

/**
 * First-run setup: shown instead of the login form while the database holds no organisation (any URL), and at
 * /setup. Creates the organisation and its first admin, who is then signed in and lands on the dashboard.
 */
export function SetupPage() {
  const t = useT()
  const status = useQuery(setupStatusQuery())
  if (status.data?.needed === false) {
    return (
      <AuthCard title={t('setup.title')} wide>
        <p>{t('setup.alreadyDone')}</p>
        <a href="/">{t('setup.signIn')}</a>
      </AuthCard>
    )
  }
  return <SetupForm />
}

function SetupForm() {
  const t = useT()
  const { locale } = useLocale()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const zones = useMemo(timeZones, [])
  const months = useMemo(() => monthNames(locale), [locale])
  const passwords = useNewPasswordCheck()
  const setup = useMutation({
    mutationFn: runSetup,
    onSuccess: async () => {
      queryClient.setQueryData(setupKeys.status, { needed: false })
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKeys.root[0] && q.queryKey[0] !== 'setup' })
      await queryClient.invalidateQueries({ queryKey: meKeys.root })
      await navigate({ to: '/' })
    },
  })
  const form = useForm({
    defaultValues: {
      name: '',
      timeZone: browserTimeZone(),
      currency: 'EUR',
      fiscalYearStartMonth: 1,
      adminName: '',
      email: '',
      password: '',
      confirm: '',
    } satisfies Values as Values,
    onSubmit: ({ value }) => {
      if (!passwords.check(value)) return
      const body = {
        organization: {
          name: value.name,
          timeZone: value.timeZone,
          currency: value.currency.trim().toUpperCase(),
          fiscalYearStartMonth: value.fiscalYearStartMonth,
        },
        // The language the admin set up in is the one they read: their e-mails follow it.
        admin: { name: value.adminName, email: value.email, password: value.password, locale },
      }
      // A refusal is shown from setup.error, under the input the API names.
      return setup.mutateAsync(body).then(
        () => undefined,
        () => undefined,
      )
    },
  })
  const values = useStore(form.store, (state) => state.values)
  const errors: Partial<Record<keyof Values | 'form', string>> = {
    ...serverErrors(setup.error),
    ...passwords.errors,
  }

  const input = (
    name: Exclude<keyof Values, 'fiscalYearStartMonth' | 'password' | 'confirm'>,
    props: { type?: string; autoComplete?: string; list?: string; hint?: string } = {},
  ) => {
    const errorId = `setup-${name}-error`
    const hintId = `setup-${name}-hint`
    const described = [props.hint ? hintId : null, errors[name] ? errorId : null].filter(Boolean).join(' ')
    return (
      <div className="auth-field">
        <label htmlFor={`setup-${name}`}>{t(`setup.${name}`)}</label>
        <input
          id={`setup-${name}`}
          name={name}
          type={props.type ?? 'text'}
          required
          autoComplete={props.autoComplete}
          list={props.list}
          value={values[name]}
          aria-invalid={errors[name] !== undefined}
          aria-describedby={described || undefined}
          onChange={(e) => form.setFieldValue(name, e.target.value)}
        />
        {props.hint && (
          <p className="auth-hint" id={hintId}>
            {props.hint}
          </p>
        )}
        {errors[name] && (
          <p className="auth-error" id={errorId}>
            {errors[name]}
          </p>
        )}
      </div>
    )
  }

  return (
    <AuthCard title={t('setup.title')} wide className="setup-card" noValidate onSubmit={() => void form.handleSubmit()}>
      <p>{t('setup.intro')}</p>
      <fieldset>
        <legend>{t('setup.organization')}</legend>
        {input('name', { autoComplete: 'organization' })}
        {input('timeZone', { list: 'setup-time-zones', hint: t('setup.timeZoneHint'), autoComplete: 'off' })}
        <datalist id="setup-time-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        {input('currency', { list: 'setup-currencies', autoComplete: 'off' })}
        <datalist id="setup-currencies">
          {currencies().map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
        <div className="auth-field">
          <label htmlFor="setup-fiscalYearStartMonth">{t('setup.fiscalYearStartMonth')}</label>
          <select
            id="setup-fiscalYearStartMonth"
            value={values.fiscalYearStartMonth}
            onChange={(e) => form.setFieldValue('fiscalYearStartMonth', Number(e.target.value))}
          >
            {months.map(({ month, name }) => (
              <option key={month} value={month}>
                {name}
              </option>
            ))}
          </select>
          {errors.fiscalYearStartMonth && <p className="auth-error">{errors.fiscalYearStartMonth}</p>}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('setup.admin')}</legend>
        {input('adminName', { autoComplete: 'name' })}
        {input('email', { type: 'email', autoComplete: 'username' })}
        <NewPasswordFields
          idPrefix="setup"
          labels={{ password: t('setup.password'), confirm: t('setup.confirm') }}
          hint={t('setup.passwordHint')}
          values={values}
          errors={errors}
          onChange={(name, value) => form.setFieldValue(name, value)}
        />
      </fieldset>
      {errors.form && (
        <p className="auth-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={setup.isPending}>
        {setup.isPending ? t('common.loading') : t('setup.submit')}
      </button>
    </AuthCard>
  )
}

export default SetupPage
