import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'
import { InvitationLink } from './InvitationLink.tsx'
import { invitationKeys, invitationsQuery, resendInvitation, revokeInvitation } from './invitations.queries.ts'
import type { Invitation } from '@kpi/contract/invitations'

type Team = { id: number; name: string }

/** Invitations with their state and e-mail delivery (a failure with the mail server's answer); resend, revoke. */
export function InvitationsList({ teams }: { teams: Team[] }) {
  const t = useT()
  const client = useQueryClient()
  const list = useQuery(invitationsQuery())
  const refresh = () => client.invalidateQueries({ queryKey: invitationKeys.root })
  const resend = useMutation({ mutationFn: resendInvitation, onSuccess: refresh })
  const revoke = useMutation({ mutationFn: revokeInvitation, onSuccess: refresh })
  if (list.isPending) return <p>{t('common.loading')}</p>
  if (list.isError) return <p role="alert">{t('common.error', { message: list.error.message })}</p>
  const teamName = (id: number | null) => teams.find((team) => team.id === id)?.name ?? '—'
  const failure = resend.error ?? revoke.error
  const delivery = (invitation: Invitation) => {
    if (invitation.mail === null) return t('admin.invitations.mail.none')
    if (invitation.mail.status === 'failed')
      return t('admin.invitations.mail.failed', { error: invitation.mail.error ?? '' })
    return t(`admin.invitations.mail.${invitation.mail.status}` as MessageKey)
  }
  return (
    <section aria-labelledby="invitations-title">
      <h3 id="invitations-title">{t('admin.invitations.title')}</h3>
      {failure && <p className="field-error">{failure.message}</p>}
      {resend.data?.link && <InvitationLink email={resend.data.invitation.email} link={resend.data.link} />}
      {list.data.invitations.length === 0 ? (
        <p>{t('admin.invitations.none')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.email')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.users.team')}</th>
              <th scope="col">{t('admin.invitations.state')}</th>
              <th scope="col">{t('admin.invitations.mail')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.data.invitations.map((invitation) => {
              const open = invitation.state === 'pending' || invitation.state === 'expired'
              return (
                <tr key={invitation.id}>
                  <td>{invitation.name}</td>
                  <td>{invitation.email}</td>
                  <td>{t(`admin.invite.role.${invitation.role}` as MessageKey)}</td>
                  <td>{teamName(invitation.teamId)}</td>
                  <td>{t(`admin.invitations.state.${invitation.state}` as MessageKey)}</td>
                  <td className={invitation.mail?.status === 'failed' ? 'field-error' : undefined}>
                    {delivery(invitation)}
                  </td>
                  <td>
                    {open && (
                      <>
                        <button
                          type="button"
                          aria-label={t('admin.invitations.resendOf', { who: invitation.email })}
                          disabled={resend.isPending}
                          onClick={() => resend.mutate(invitation.id)}
                        >
                          {t('admin.invitations.resend')}
                        </button>{' '}
                        <button
                          type="button"
                          aria-label={t('admin.invitations.revokeOf', { who: invitation.email })}
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate(invitation.id)}
                        >
                          {t('admin.invitations.revoke')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
