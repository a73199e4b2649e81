import { useForm } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { QueryKey } from '@tanstack/react-query'
import { useState } from 'react'
import { apiFieldErrors, useFieldWords } from '../../lib/field-errors.ts'
import type { VersionedResult } from './versioned-http.ts'

/**
 * The one way an admin form edits a versioned record: TanStack Form holds the typed values (`form`), a react-query
 * mutation saves them and invalidates the resource's root key, and a 409 keeps the typed values while showing
 * `theirs` (the row as stored now; null: deleted meanwhile; undefined: no conflict). Only the person's choice
 * changes the typed values: `keepMine` saves them against theirs, `takeTheirs` loads theirs into the form.
 * Busy, saved and the API's field errors all come from the mutation; nothing here is a hand-kept flag.
 */
export function useVersionedForm<Row extends { version: number | null }, Draft extends object>(options: {
  initial: Row
  toDraft: (row: Row) => Draft
  /** Writes the draft based on `against` (its version; null when nothing is stored). */
  save: (draft: Draft, against: Row | null) => Promise<VersionedResult<Row>>
  /** Field → message for values that must not be sent; checked on submit, shown by the form as it likes. */
  validate?: (draft: Draft) => Record<string, string>
  /** The query factory's root key whose answers a save makes stale. */
  invalidates?: QueryKey
  onSaved?: (row: Row) => void
  /** The label of an input by name, so the API's field errors name it in the reader's language. */
  label?: (name: string) => string
}) {
  const client = useQueryClient()
  const words = useFieldWords(options.label)
  // The stored row the next save is based on; the form's defaults change only when the person takes theirs.
  const [base, setBase] = useState<Row | null>(options.initial)
  const [defaults, setDefaults] = useState(() => options.toDraft(options.initial))
  const mutation = useMutation({
    mutationFn: ({ draft, against }: { draft: Draft; against: Row | null }) => options.save(draft, against),
    onSuccess: async (result) => {
      if (result.kind !== 'saved') return
      setBase(result.data)
      options.onSaved?.(result.data)
      if (options.invalidates) await client.invalidateQueries({ queryKey: options.invalidates })
    },
  })
  const form = useForm({
    defaultValues: defaults,
    validators: {
      onSubmit: ({ value }) => {
        const errors = options.validate?.(value) ?? {}
        return Object.keys(errors).length === 0 ? undefined : { fields: errors }
      },
    },
    // A failed save is shown from mutation.error; the promise must not reject out of the submit handler.
    onSubmit: ({ value }) => mutation.mutateAsync({ draft: value, against: base }).catch(() => undefined),
  })
  const theirs = mutation.data?.kind === 'conflict' ? mutation.data.current : undefined

  return {
    form,
    /** The row the next save is based on (null: nothing stored yet). */
    base,
    theirs,
    busy: mutation.isPending,
    saved: mutation.data?.kind === 'saved',
    /** The API's answer to the last save, as field → message (`form` for one without a field). */
    serverErrors: apiFieldErrors(mutation.error, words),
    /** Forget the last save's outcome (its "Saved" note and errors), e.g. when the person edits again. */
    clearOutcome: () => mutation.reset(),
    keepMine() {
      if (theirs !== undefined) mutation.mutate({ draft: form.state.values, against: theirs })
    },
    takeTheirs() {
      if (theirs) {
        const draft = options.toDraft(theirs)
        setDefaults(draft)
        form.reset(draft)
      }
      setBase(theirs ?? null)
      mutation.reset()
    },
  }
}
