import type { Role } from '@kpi/contract/users'
import { renderMail, type RenderedMail } from '../../mail/render.ts'

export type InvitationMailInput = {
  locale: 'en' | 'nl'
  /** The invitee's name as the inviter typed it. */
  name: string
  inviter: string
  organization: string
  role: Role
  team: string | null
  url: string
}

const roleNames: Record<'en' | 'nl', Record<Role, string>> = {
  en: { admin: 'an admin', manager: 'a manager', rep: 'a sales rep' },
  nl: { admin: 'beheerder', manager: 'manager', rep: 'verkoper' },
}

/** The invitation e-mail in the invitee's language. The link's lifetime is written as a duration, not a date. */
export function invitationMail(input: InvitationMailInput): RenderedMail {
  const { name, inviter, organization, team, url } = input
  const role = roleNames[input.locale][input.role]
  if (input.locale === 'nl')
    return renderMail({
      subject: `${inviter} heeft je uitgenodigd voor ${organization}`,
      greeting: `Hallo ${name},`,
      paragraphs: [
        `${inviter} heeft je uitgenodigd voor ${organization} als ${role}${team === null ? '' : ` in ${team}`}.`,
        'Kies een wachtwoord om je account te activeren.',
      ],
      action: { label: 'Uitnodiging accepteren', url },
      footer: ['De link werkt 7 dagen en maar één keer.', 'Verwachtte je dit niet? Dan kun je deze e-mail negeren.'],
      signature: organization,
    })
  return renderMail({
    subject: `${inviter} invited you to ${organization}`,
    greeting: `Hello ${name},`,
    paragraphs: [
      `${inviter} invited you to ${organization} as ${role}${team === null ? '' : ` in ${team}`}.`,
      'Choose a password to activate your account.',
    ],
    action: { label: 'Accept the invitation', url },
    footer: ['The link works for 7 days, and only once.', 'Not expecting this? Then you can ignore this e-mail.'],
    signature: organization,
  })
}
