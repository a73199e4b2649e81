import { useStore } from '@tanstack/react-form'
import type { z } from 'zod'
import { useVersionedForm } from '../use-versioned-form.ts'
import { sendVersioned } from '../versioned-http.ts'
import type { VersionedResult } from '../versioned-http.ts'

/**
 * One row of a list (a user, a team) edited in place and saved on its own: PATCH of the draft with the version it
 * is based on. A stale write answers 409 with the row as stored now, which becomes `theirs` beside the draft.
 */
export function useRowSave<
  Row extends { id: number; version: number },
  Draft extends Record<string, unknown>,
  S extends z.ZodType,
>(options: {
  url: string
  listKey: readonly unknown[]
  initial: Row
  toDraft: (row: Row) => Draft
  /** The success body (e.g. `{ team }`) and how to take the row out of it; `current` of a 409 is a bare row. */
  schema: S
  rowOf: (body: z.output<S>) => Row
  rowSchema: z.ZodType<Row>
}) {
  const record = useVersionedForm({
    initial: options.initial,
    toDraft: options.toDraft,
    save: async (draft, against): Promise<VersionedResult<Row>> => {
      // Users and teams are never deleted: `against` is the row as read, or theirs after a conflict.
      const body = { ...draft, version: (against ?? options.initial).version }
      const result = await sendVersioned('PATCH', options.url, body, options.schema, options.rowSchema)
      return result.kind === 'saved' ? { kind: 'saved', data: options.rowOf(result.data) } : result
    },
    invalidates: options.listKey,
  })
  const draft = useStore(record.form.store, (state) => state.values)
  return { ...record, draft, errors: record.serverErrors, save: () => void record.form.handleSubmit() }
}
