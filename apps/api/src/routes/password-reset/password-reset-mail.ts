import { renderMail, type RenderedMail } from '../../mail/render.ts'
import type { ResetAccount } from './password-reset.db.ts'

/** The reset link of a token: PUBLIC_URL/reset-password/<token> (the web app's public route). */
export function resetLink(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password/${token}`
}

type Texts = {
  subject: (org: string) => string
  greeting: (name: string) => string
  asked: (org: string, email: string) => string
  sentBy: (admin: string, org: string, email: string) => string
  action: string
  footer: string[]
}

const texts: Record<ResetAccount['locale'], Texts> = {
  en: {
    subject: (org) => `Reset your password for ${org}`,
    greeting: (name) => `Hello ${name},`,
    asked: (org, email) => `Someone asked to reset the password of your account ${email} in ${org}.`,
    sentBy: (admin, org, email) =>
      `${admin} sent you a link to set a new password for your account ${email} in ${org}.`,
    action: 'Choose a new password',
    footer: [
      'The link works once, for 1 hour. Setting a new password signs you out everywhere else.',
      'If you did not ask for this, ignore this e-mail: your password stays as it is.',
    ],
  },
  nl: {
    subject: (org) => `Stel je wachtwoord opnieuw in voor ${org}`,
    greeting: (name) => `Hallo ${name},`,
    asked: (org, email) => `Iemand vroeg om het wachtwoord van je account ${email} bij ${org} opnieuw in te stellen.`,
    sentBy: (admin, org, email) =>
      `${admin} stuurde je een link om een nieuw wachtwoord te kiezen voor je account ${email} bij ${org}.`,
    action: 'Kies een nieuw wachtwoord',
    footer: [
      'De link werkt één keer, 1 uur lang. Met een nieuw wachtwoord word je overal elders afgemeld.',
      'Heb je hier niet om gevraagd? Negeer dan deze e-mail: je wachtwoord blijft zoals het is.',
    ],
  },
}

/** The reset e-mail in the account's language; `sentBy` is the admin's name when an admin sent it. */
export function passwordResetMail(
  account: ResetAccount,
  { link, sentBy }: { link: string; sentBy: string | null },
): RenderedMail {
  const t = texts[account.locale]
  return renderMail({
    subject: t.subject(account.organization),
    greeting: t.greeting(account.name),
    paragraphs: [
      sentBy === null
        ? t.asked(account.organization, account.email)
        : t.sentBy(sentBy, account.organization, account.email),
    ],
    action: { label: t.action, url: link },
    footer: t.footer,
    signature: account.organization,
  })
}
