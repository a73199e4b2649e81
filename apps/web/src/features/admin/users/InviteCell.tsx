import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n.tsx'
import { InvitationLink } from './InvitationLink.tsx'
import { invitationKeys, sendInvitation } from './invitations.queries.ts'
import { userKeys } from './users.queries.ts'
import type { UserOut as User } from '@kpi/contract/users'

/**
 * For a person who owns records but cannot sign in (imported, decision 0028): an e-mail and "Invite". Accepting
 * gives this same user a password, so their deals and targets stay theirs. The server keeps their name, role
 * and team; they are sent only because the invitation body asks for them.
 */
export function InviteCell({ user }: { user: User }) {
  const t = useT()
  const queryClient = useQueryClient()
  const [email, setEmail] = useState(user.email ?? '')
  const invite = useMutation({
    mutationFn: () => sendInvitation({ email, name: user.name, role: user.role, teamId: user.teamId, userId: user.id }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: invitationKeys.root }),
        queryClient.invalidateQueries({ queryKey: userKeys.root }),
      ]),
  })
  const answer = invite.data
  return (
    <td className="invite-cell">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          invite.mutate()
        }}
      >
        <input
          aria-label={t('admin.users.inviteEmailOf', { who: user.name })}
          type="email"
          required
          value={email}
          placeholder={t('admin.users.email')}
          onChange={(e) => setEmail(e.target.value)}
        />{' '}
        <button
          type="submit"
          aria-label={t('admin.users.inviteOf', { who: user.name })}
          disabled={invite.isPending || !user.active}
        >
          {t('admin.users.invite')}
        </button>
      </form>
      {answer && answer.link === undefined && (
        <p role="status">{t('admin.users.invited', { email: answer.invitation.email })}</p>
      )}
      {answer?.link !== undefined && <InvitationLink email={answer.invitation.email} link={answer.link} />}
      {invite.error && (
        <p role="alert" className="field-error">
          {t('common.error', { message: invite.error.message })}
        </p>
      )}
    </td>
  )
}
