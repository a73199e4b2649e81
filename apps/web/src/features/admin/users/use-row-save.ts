import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { z } from 'zod'
import { ApiError } from '../../../lib/http.ts'
import { useConflictResolution } from '../use-conflict-resolution.ts'
import { fieldName } from '../../../lib/field-errors.ts'
import { sendVersioned } from '../versioned-http.ts'

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
  const client = useQueryClient()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const edit = useConflictResolution({
    initial: options.initial,
    toDraft: options.toDraft,
    // Users and teams are never deleted, so theirs is always a row to rebase on.
    resubmit: (against) => against && void save(against.version),
  })

  async function save(version = edit.version ?? options.initial.version) {
    setBusy(true)
    setErrors({})
    setSaved(false)
    try {
      const body = { ...edit.draft, version }
      const result = await sendVersioned('PATCH', options.url, body, options.schema, options.rowSchema)
      if (result.kind === 'conflict') return edit.conflicted(result.current)
      edit.saved(options.rowOf(result.data))
      setSaved(true)
      await client.invalidateQueries({ queryKey: options.listKey })
    } catch (e) {
      const name = e instanceof ApiError ? fieldName(e.field) : undefined
      setErrors({ [name ?? 'form']: (e as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return { ...edit, save: () => void save(), errors, saved, busy }
}
