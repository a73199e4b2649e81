import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../../../lib/http.ts'
import { MailMessages } from '@kpi/contract/mail'

export const mailKeys = { root: ['mail'] as const }

export const mailMessagesQuery = () =>
  queryOptions({
    queryKey: mailKeys.root,
    queryFn: ({ signal }) => getJson('/api/mail/messages', MailMessages, signal),
  })
