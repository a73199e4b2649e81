import { useForm, useStore } from '@tanstack/react-form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { PeriodType } from '@kpi/domain/periods'
import { useT } from '../../../i18n/i18n.tsx'
import { sendJson } from '../../../lib/http.ts'
import { sendVersioned } from '../versioned-http.ts'
import { changedRows } from './target-grid.ts'
import type { Edit } from './target-grid.ts'
import { targetKeys, targetsQuery } from './targets.queries.ts'
import { CopyForwardResult, Target, TargetList } from '@kpi/contract/targets'
import { cellKey } from './target-grid.ts'

type Edits = Record<string, Edit>

/**
 * The grid's typed cells (a TanStack Form value), the stored targets they are based on, and its two writes as
 * mutations: save (one all-or-nothing PUT; a 409 keeps the typed cells beside theirs) and copy-forward. The status
 * line and busy state come from the mutations; starting one forgets the other's outcome.
 */
export function useTargetGrid(grid: {
  kpiKey: string
  periodType: PeriodType
  first: string | undefined
  last: string | undefined
  count: number
  scopes: string[]
}) {
  const t = useT()
  const client = useQueryClient()
  const { kpiKey, periodType, first, last } = grid
  const listQuery = targetsQuery(kpiKey, periodType, first ?? '', last ?? '')
  const targets = useQuery({ ...listQuery, enabled: first !== undefined })
  const stored = useMemo(
    () => new Map((targets.data?.targets ?? []).map((x) => [cellKey(x.scope, x.periodStart), x])),
    [targets.data],
  )
  const form = useForm({ defaultValues: { edits: {} as Edits } })
  const edits = useStore(form.store, (state) => state.values.edits)
  const editMap = new Map(Object.entries(edits))
  const { rows, invalid } = changedRows({ edits: editMap, stored, kpiKey, periodType })

  const save = useMutation({
    mutationFn: async ({ rebase }: { rebase: boolean }) => {
      let sending = edits
      if (rebase) {
        // "Keep mine": every typed cell is based on the version stored now; the typed values stay.
        const now = await client.fetchQuery({ ...listQuery, staleTime: 0 })
        const versions = new Map(now.targets.map((x) => [cellKey(x.scope, x.periodStart), x.version]))
        sending = Object.fromEntries(
          Object.entries(edits).map(([k, e]) => [k, { text: e.text, version: versions.get(k) }]),
        )
      }
      const body = changedRows({ edits: new Map(Object.entries(sending)), stored, kpiKey, periodType }).rows
      const result = await sendVersioned('PUT', '/api/targets', { targets: body }, TargetList, Target)
      return { result, sending }
    },
    onMutate: (): void => copy.reset(),
    onSuccess: async ({ result, sending }) => {
      if (result.kind === 'conflict') {
        form.setFieldValue('edits', sending)
      } else {
        // The saved rows go into the grid's cache before the typed cells are cleared: no flash of the old values
        // while the list is fetched again.
        const savedKeys = new Set(result.data.targets.map((x) => cellKey(x.scope, x.periodStart)))
        client.setQueryData(listQuery.queryKey, (old: TargetList | undefined) =>
          old === undefined
            ? old
            : {
                targets: [
                  ...old.targets.filter((x) => !savedKeys.has(cellKey(x.scope, x.periodStart))),
                  ...result.data.targets,
                ],
              },
        )
        form.reset()
      }
      await client.invalidateQueries({ queryKey: targetKeys.root })
    },
  })
  const copy = useMutation({
    mutationFn: () =>
      sendJson(
        'POST',
        '/api/targets/copy-forward',
        { scopes: grid.scopes, kpiKeys: [kpiKey], periodType, periodStart: first, count: grid.count - 1 },
        CopyForwardResult,
      ),
    onMutate: (): void => save.reset(),
    onSuccess: () => client.invalidateQueries({ queryKey: targetKeys.root }),
  })

  const saved = save.data?.result
  const conflict =
    saved?.kind === 'conflict'
      ? {
          key: saved.current ? cellKey(saved.current.scope, saved.current.periodStart) : '',
          current: saved.current,
        }
      : null
  const message =
    saved?.kind === 'conflict'
      ? saved.message
      : saved?.kind === 'saved'
        ? t('admin.targets.savedCount', { count: saved.data.targets.length })
        : copy.data
          ? t('admin.targets.copied', { created: copy.data.created.length, skipped: copy.data.skipped })
          : (save.error ?? copy.error)?.message

  return {
    targets,
    stored,
    edits,
    rows,
    invalid,
    conflict,
    message,
    busy: save.isPending || copy.isPending,
    edit(key: string, text: string) {
      // The version is taken when the cell is first touched: a save by someone else after that is a conflict.
      form.setFieldValue('edits', (m) => ({
        ...m,
        [key]: { text, version: m[key]?.version ?? stored.get(key)?.version },
      }))
    },
    /** Drops the typed cells (the grid's axes changed) and any conflict. */
    clear() {
      form.reset()
      save.reset()
    },
    save: () => rows.length > 0 && save.mutate({ rebase: false }),
    keepMine: () => save.mutate({ rebase: true }),
    /** "Use theirs": the conflicting cell shows the stored value again. */
    takeTheirs() {
      if (!conflict) return
      form.setFieldValue('edits', ({ [conflict.key]: _dropped, ...rest }) => rest)
      save.reset()
    },
    copyForward: () => first !== undefined && grid.scopes.length > 0 && copy.mutate(),
  }
}
