import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { KPI_LIST } from '@kpi/domain/kpis/registry'
import type { PeriodType } from '@kpi/domain/periods'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'
import { getJson, sendJson } from '../../../lib/http.ts'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { settingsQuery } from '../settings/settings.queries.ts'
import { teamsQuery, usersQuery } from '../users/users.queries.ts'
import { sendVersioned } from '../versioned-http.ts'
import { changedRows, gridPeriods } from './target-grid.ts'
import type { Edit } from './target-grid.ts'
import { cellKey } from './target-grid.ts'
import { CopyForwardResult, Target, TargetList } from '@kpi/contract/targets'

const PERIODS: PeriodType[] = ['week', 'month', 'quarter', 'year']
const today = () => new Date().toISOString().slice(0, 10)

/**
 * Targets as a grid: rows are the chosen team and its reps, columns the next N periods of a type. Cells are
 * edited freely and saved together (one all-or-nothing PUT); copy-forward fills the following periods from the
 * first column without overwriting anything.
 */
export function TargetsSection() {
  const t = useT()
  const { locale } = useLocale()
  const client = useQueryClient()
  const settings = useQuery(settingsQuery())
  const teams = useQuery(teamsQuery())
  const users = useQuery(usersQuery())
  const kpis = KPI_LIST.filter((k) => k.direction !== 'neutral' && k.scopes.includes('team'))
  const [teamId, setTeamId] = useState<number | null>(null)
  const [kpiKey, setKpiKey] = useState<string>(kpis.find((k) => k.key === 'revenue.won')?.key ?? kpis[0]!.key)
  const [periodType, setPeriodType] = useState<PeriodType>('month')
  const [from, setFrom] = useState(today)
  const [count, setCount] = useState(6)
  const [edits, setEdits] = useState<Map<string, Edit>>(new Map())
  const [message, setMessage] = useState<string | null>(null)
  const [conflict, setConflict] = useState<{ key: string; current: Target | null } | null>(null)
  const [busy, setBusy] = useState(false)

  const team = teamId ?? teams.data?.teams.find((tm) => tm.active)?.id ?? null
  const periods = useMemo(
    () => (settings.data ? gridPeriods(from, periodType, count, settings.data, locale) : []),
    [settings.data, from, periodType, count, locale],
  )
  const rowsOf = [
    ...(team === null
      ? []
      : [{ scope: `team:${team}`, label: teams.data?.teams.find((x) => x.id === team)?.name ?? '' }]),
    ...(users.data?.users ?? [])
      .filter((u) => u.teamId === team && u.role === 'rep' && u.active)
      .map((u) => ({ scope: `rep:${u.id}`, label: u.name })),
  ]
  const first = periods[0]?.start
  const last = periods[periods.length - 1]?.start
  const targetsKey = ['targets', kpiKey, periodType, first, last] as const
  const targets = useQuery({
    queryKey: targetsKey,
    enabled: first !== undefined,
    queryFn: ({ signal }) =>
      getJson(`/api/targets?kpiKey=${kpiKey}&period=${periodType}&from=${first}&to=${last}`, TargetList, signal),
  })
  const stored = useMemo(
    () => new Map((targets.data?.targets ?? []).map((x) => [cellKey(x.scope, x.periodStart), x])),
    [targets.data],
  )

  function resetGrid(change: () => void) {
    // Switching the grid's axes would orphan typed cells; ask first instead of dropping them silently.
    if (edits.size > 0 && !window.confirm(t('admin.targets.discard'))) return
    setEdits(new Map())
    setConflict(null)
    change()
  }

  function edit(key: string, text: string) {
    setEdits((m) => {
      const next = new Map(m)
      // The version is taken when the cell is first touched: a save by someone else after that is a conflict.
      next.set(key, { text, version: m.get(key)?.version ?? stored.get(key)?.version })
      return next
    })
  }

  const { rows, invalid } = changedRows({ edits, stored, kpiKey, periodType })

  async function save(withEdits = edits) {
    const body = changedRows({ edits: withEdits, stored, kpiKey, periodType }).rows
    if (body.length === 0) return
    setBusy(true)
    setMessage(null)
    try {
      const result = await sendVersioned('PUT', '/api/targets', { targets: body }, TargetList, Target)
      if (result.kind === 'conflict') {
        const key = result.current ? cellKey(result.current.scope, result.current.periodStart) : ''
        setConflict({ key, current: result.current })
        setMessage(result.message)
        await client.invalidateQueries({ queryKey: ['targets'] })
        return
      }
      // The saved rows go into the grid's cache before the typed cells are cleared: no flash of the old values
      // while the list is fetched again.
      const savedKeys = new Set(result.data.targets.map((x) => cellKey(x.scope, x.periodStart)))
      client.setQueryData(targetsKey, (old: TargetList | undefined) =>
        old === undefined
          ? old
          : {
              targets: [
                ...old.targets.filter((x) => !savedKeys.has(cellKey(x.scope, x.periodStart))),
                ...result.data.targets,
              ],
            },
      )
      setEdits(new Map())
      setConflict(null)
      setMessage(t('admin.targets.savedCount', { count: result.data.targets.length }))
      await client.invalidateQueries({ queryKey: ['targets'] })
    } catch (e) {
      setMessage((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  async function keepMine() {
    // Rebase every typed cell on the versions stored now, keep the typed values, and save again.
    const fresh = await client.fetchQuery({
      queryKey: targetsKey,
      queryFn: () => getJson(`/api/targets?kpiKey=${kpiKey}&period=${periodType}&from=${first}&to=${last}`, TargetList),
    })
    const now = new Map(fresh.targets.map((x) => [cellKey(x.scope, x.periodStart), x]))
    const rebased = new Map([...edits].map(([k, e]) => [k, { text: e.text, version: now.get(k)?.version }]))
    setEdits(rebased)
    setConflict(null)
    await save(rebased)
  }

  function useTheirs() {
    if (!conflict) return
    setEdits((m) => {
      const next = new Map(m)
      next.delete(conflict.key)
      return next
    })
    setConflict(null)
  }

  async function copyForward() {
    if (!first || rowsOf.length === 0) return
    setBusy(true)
    try {
      const result = await sendJson(
        'POST',
        '/api/targets/copy-forward',
        { scopes: rowsOf.map((r) => r.scope), kpiKeys: [kpiKey], periodType, periodStart: first, count: count - 1 },
        CopyForwardResult,
      )
      setMessage(t('admin.targets.copied', { created: result.created.length, skipped: result.skipped }))
      await client.invalidateQueries({ queryKey: ['targets'] })
    } catch (e) {
      setMessage((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  if (settings.isPending || teams.isPending || users.isPending) return <p>{t('common.loading')}</p>
  // Cells stay read-only until the stored targets arrive: an edit takes its base version from them.
  const ready = targets.isSuccess && !targets.isPlaceholderData
  const cellText = (key: string) => edits.get(key)?.text ?? (stored.has(key) ? String(stored.get(key)!.value) : '')
  // A cell in words ("North, Jan 2026"): the error and the conflict name the cell, not only its colour.
  const cellName = (key: string) => {
    const [scope, start] = key.split('|')
    const who = rowsOf.find((r) => r.scope === scope)?.label ?? scope
    return `${who}, ${periods.find((p) => p.start === start)?.label ?? start}`
  }

  return (
    <section aria-labelledby="targets-title">
      <h2 id="targets-title">{t('admin.tab.targets')}</h2>
      <div className="grid-controls">
        <div className="field">
          <label htmlFor="targets-team">{t('admin.targets.team')}</label>
          <select
            id="targets-team"
            value={team ?? ''}
            onChange={(e) => resetGrid(() => setTeamId(Number(e.target.value)))}
          >
            {(teams.data?.teams ?? []).map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="targets-kpi">{t('admin.thresholds.kpi')}</label>
          <select id="targets-kpi" value={kpiKey} onChange={(e) => resetGrid(() => setKpiKey(e.target.value))}>
            {kpis.map((k) => (
              <option key={k.key} value={k.key}>
                {k.name[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="targets-period">{t('admin.targets.periodType')}</label>
          <select
            id="targets-period"
            value={periodType}
            onChange={(e) => resetGrid(() => setPeriodType(e.target.value as PeriodType))}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`admin.targets.period.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="targets-from">{t('admin.targets.from')}</label>
          <input
            id="targets-from"
            type="date"
            value={from}
            onChange={(e) => e.target.value && resetGrid(() => setFrom(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="targets-count">{t('admin.targets.count')}</label>
          <input
            id="targets-count"
            type="number"
            min={1}
            max={24}
            value={count}
            onChange={(e) => setCount(Math.min(24, Math.max(1, Number(e.target.value) || 1)))}
          />
        </div>
      </div>

      <table className="data-table targets-grid">
        <thead>
          <tr>
            <th scope="col">{t('admin.targets.who')}</th>
            {periods.map((p) => (
              <th key={p.start} scope="col">
                {p.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowsOf.map((row) => (
            <tr key={row.scope}>
              <th scope="row">{row.label}</th>
              {periods.map((p) => {
                const key = cellKey(row.scope, p.start)
                const bad = invalid.includes(key)
                return (
                  <td key={key} data-error={bad || conflict?.key === key}>
                    <input
                      aria-label={t('admin.targets.cell', { who: row.label, period: p.label })}
                      inputMode="decimal"
                      value={cellText(key)}
                      aria-invalid={bad}
                      {...(bad ? { 'aria-describedby': 'targets-invalid' } : {})}
                      readOnly={!ready}
                      onChange={(e) => edit(key, e.target.value)}
                    />
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {invalid.length > 0 && (
        <p className="field-error" id="targets-invalid">
          {t('admin.targets.invalid', { cells: invalid.map(cellName).join('; ') })}
        </p>
      )}
      {conflict && (
        <ConflictPanel
          rows={[
            {
              label: cellName(conflict.key),
              mine: edits.get(conflict.key)?.text ?? '',
              theirs: conflict.current ? String(conflict.current.value) : t('admin.conflict.deleted'),
            },
          ]}
          onKeepMine={() => void keepMine()}
          onUseTheirs={useTheirs}
        />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={busy || rows.length === 0 || invalid.length > 0 || conflict !== null}
          onClick={() => void save()}
        >
          {t('admin.targets.saveAll', { count: rows.length })}
        </button>
        <button type="button" disabled={busy || count < 2} onClick={() => void copyForward()}>
          {t('admin.targets.copyForward')}
        </button>
        {message && <span role="status">{message}</span>}
      </div>
    </section>
  )
}
