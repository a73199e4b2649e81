import { EventEmitter } from 'node:events'
import type { FastifyInstance } from 'fastify'
import type { EntityName } from './entity.ts'

/** What changed: enough for a cache to drop an organisation's KPI results and for alerts to re-evaluate them. */
export type RecordsChanged = { organizationId: number; entity: EntityName | 'targets' }

/**
 * Every write to the records (API or import) is announced here, after its transaction committed. Nothing listens
 * yet; alerts and the KPI cache will `recordChanges.on('changed', …)`. Listeners run synchronously inside
 * `emit`, so they must only schedule work, never await it in the request.
 */
export const recordChanges = new EventEmitter<{ changed: [RecordsChanged] }>()

export function onRecordsChanged(_app: FastifyInstance, change: RecordsChanged): void {
  recordChanges.emit('changed', change)
}
