import type { FastifyRequest } from 'fastify'
import type { ImportEntity } from '@kpi/contract/import'
import type { ImportLocale } from '../../csv/importer.ts'
import { mayImport } from '../../csv/importers.ts'
import { acceptedLocale } from '../../csv/messages.ts'
import { HttpError } from '../../http-errors.ts'
import { userLocale } from './mappings.db.ts'

export function assertMayImport(role: Parameters<typeof mayImport>[0], entity: ImportEntity) {
  if (!mayImport(role, entity)) throw new HttpError('forbidden', `your role may not import ${entity}`)
}

/** The language of the answer: Accept-Language (nl or en), else the person's own setting, else English. */
export async function requestLocale(request: FastifyRequest): Promise<ImportLocale> {
  const accepted = acceptedLocale(request.headers['accept-language'])
  if (accepted) return accepted
  return (await userLocale(request.server.store.pool, request.user.id)) === 'nl' ? 'nl' : 'en'
}
