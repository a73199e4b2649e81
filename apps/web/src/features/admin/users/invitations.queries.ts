import { queryOptions } from '@tanstack/react-query'
import { getJson, sendJson } from '../../../lib/http.ts'
import { InvitationList, InvitationResponse } from '@kpi/contract/invitations'

export const invitationKeys = { root: ['invitations'] as const }

export const invitationsQuery = () =>
  queryOptions({
    queryKey: invitationKeys.root,
    queryFn: ({ signal }) => getJson('/api/invitations', InvitationList, signal),
  })

export const sendInvitation = (body: unknown) => sendJson('POST', '/api/invitations', body, InvitationResponse)
export const resendInvitation = (id: number) =>
  sendJson('POST', `/api/invitations/${id}/resend`, undefined, InvitationResponse)
export const revokeInvitation = (id: number) =>
  sendJson('DELETE', `/api/invitations/${id}`, undefined, InvitationResponse)
