import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { z } from 'zod'
import { ApiError } from '../../../lib/http.ts'
import { fieldName, sendVersioned } from '../versioned-http.ts'

/**
 * Saving one row of a list (a user, a team) with optimistic versions. Users and teams answer a stale write with a
 * plain 409 (no `current`), so on a conflict the list is fetched again and `theirs` is the row as stored now;
 * the typed draft stays untouched until the person picks "keep mine" or "use theirs".
 */
export function useRowSave<Row extends { id: number; version: number }, S extends z.ZodType>(options: {
  url: string
  listKey: readonly unknown[]
  fetchList: () => Promise<Row[]>
  schema: S
  id: number
}) {
  const client = useQueryClient()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [theirs, setTheirs] = useState<Row | null | undefined>(undefined)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  async function save(body: Record<string, unknown>, version: number): Promise<boolean> {
    setBusy(true)
    setErrors({})
    setSaved(false)
    try {
      const result = await sendVersioned('PATCH', options.url, { ...body, version }, options.schema)
      if (result.kind === 'conflict') {
        const list = await client.fetchQuery({ queryKey: options.listKey, queryFn: options.fetchList, staleTime: 0 })
        setTheirs(list.find((r) => r.id === options.id) ?? null)
        return false
      }
      setTheirs(undefined)
      setSaved(true)
      await client.invalidateQueries({ queryKey: options.listKey })
      return true
    } catch (e) {
      const name = e instanceof ApiError ? fieldName(e.field) : undefined
      setErrors({ [name ?? 'form']: (e as Error).message })
      return false
    } finally {
      setBusy(false)
    }
  }

  return { save, errors, theirs, clearConflict: () => setTheirs(undefined), saved, busy }
}
