import { useState } from 'react'
import { useT } from '../../../i18n/i18n.tsx'

/**
 * The link to hand over when the server sends no e-mail (no SMTP_URL). Shown once, right after inviting or
 * resending: only its hash is stored, so it cannot be shown again later.
 */
export function InvitationLink({ email, link }: { email: string; link: string }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  return (
    <div className="notice invitation-link" role="status">
      <p>{t('admin.invite.linkIntro', { email })}</p>
      <input
        readOnly
        aria-label={t('admin.invite.linkFor', { email })}
        value={link}
        onFocus={(e) => e.target.select()}
      />
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(link).then(() => setCopied(true))
        }}
      >
        {copied ? t('admin.invite.copied') : t('admin.invite.copy')}
      </button>
    </div>
  )
}
