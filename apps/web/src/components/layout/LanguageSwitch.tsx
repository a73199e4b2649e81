import { useLocale, useT } from '../../i18n/i18n.tsx'
import { LOCALES } from '../../i18n/format.ts'
import { saveLocale } from '../../lib/session/auth.queries.ts'

/** Also stored for a signed-in person (PATCH /api/me), so the e-mails they get are in the language they use. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const t = useT()
  const { locale, setLocale } = useLocale()
  const choose = (code: (typeof LOCALES)[number]) => {
    setLocale(code)
    // The page has switched already; a failed save only leaves e-mails in the previous language.
    if (signedIn) saveLocale(code).catch(() => undefined)
  }
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LOCALES.map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={code === locale} onClick={() => choose(code)}>
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  )
}
