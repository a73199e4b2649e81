import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { KPI_LIST } from '@kpi/domain/kpis/registry'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { settingsQuery } from '../settings/settings.queries.ts'
import { regionsQuery, teamsQuery, usersQuery } from '../users/users.queries.ts'
import { gridPeriods } from './target-grid.ts'
import { TargetsControls } from './TargetsControls.tsx'
import type { GridAxes } from './TargetsControls.tsx'
import { TargetsGrid } from './TargetsGrid.tsx'
import { useTargetGrid } from './use-target-grid.ts'

const today = () => new Date().toISOString().slice(0, 10)

/**
 * Targets as a grid: rows are the chosen team and its reps, columns the next N periods of a type. Cells are
 * edited freely and saved together (one all-or-nothing PUT); copy-forward fills the following periods from the
 * first column without overwriting anything.
 */
export function TargetsSection() {
  const t = useT()
  const { locale } = useLocale()
  const settings = useQuery(settingsQuery())
  const teams = useQuery(teamsQuery())
  const users = useQuery(usersQuery())
  const regions = useQuery(regionsQuery())
  const kpis = KPI_LIST.filter((k) => k.direction !== 'neutral' && k.scopes.includes('team'))
  const [axes, setAxes] = useState<GridAxes>(() => ({
    team: null,
    region: null,
    kpiKey: kpis.find((k) => k.key === 'revenue.won')?.key ?? kpis[0]!.key,
    periodType: 'month',
    from: today(),
    count: 6,
  }))

  const team = axes.team ?? teams.data?.teams.find((tm) => tm.active)?.id ?? null
  const periods = useMemo(
    () => (settings.data ? gridPeriods(axes.from, axes.periodType, axes.count, settings.data, locale) : []),
    [settings.data, axes.from, axes.periodType, axes.count, locale],
  )
  const region = axes.region === null ? undefined : regions.data?.regions.find((r) => r.id === axes.region)
  // A region's grid: the region's own target, then each of its teams' (decision 0034: they are set separately).
  const regionRows = region && [
    { scope: `region:${region.id}`, label: t('dashboard.scopeRegion', { name: region.name }) },
    ...(teams.data?.teams ?? [])
      .filter((tm) => tm.regionId === region.id)
      .map((tm) => ({ scope: `team:${tm.id}`, label: tm.name })),
  ]
  const rowsOf = regionRows ?? [
    ...(team === null
      ? []
      : [{ scope: `team:${team}`, label: teams.data?.teams.find((x) => x.id === team)?.name ?? '' }]),
    ...(users.data?.users ?? [])
      .filter((u) => u.teamId === team && u.role === 'rep' && u.active)
      .map((u) => ({ scope: `rep:${u.id}`, label: u.name })),
  ]
  const grid = useTargetGrid({
    kpiKey: axes.kpiKey,
    periodType: axes.periodType,
    first: periods[0]?.start,
    last: periods[periods.length - 1]?.start,
    count: axes.count,
    scopes: rowsOf.map((r) => r.scope),
  })

  function changeAxis(change: Partial<GridAxes>) {
    // Switching the grid's axes would orphan typed cells; ask first instead of dropping them silently.
    if (Object.keys(grid.edits).length > 0 && !window.confirm(t('admin.targets.discard'))) return
    grid.clear()
    setAxes((a) => ({ ...a, ...change }))
  }

  if (settings.isPending || teams.isPending || users.isPending) return <p>{t('common.loading')}</p>
  // Cells stay read-only until the stored targets arrive: an edit takes its base version from them.
  const ready = grid.targets.isSuccess && !grid.targets.isPlaceholderData
  const cellText = (key: string) =>
    grid.edits[key]?.text ?? (grid.stored.has(key) ? String(grid.stored.get(key)!.value) : '')
  // A cell in words ("North, Jan 2026"): the error and the conflict name the cell, not only its colour.
  const cellName = (key: string) => {
    const [scope, start] = key.split('|')
    const who = rowsOf.find((r) => r.scope === scope)?.label ?? scope
    return `${who}, ${periods.find((p) => p.start === start)?.label ?? start}`
  }
  const { conflict, invalid, rows } = grid

  return (
    <section aria-labelledby="targets-title">
      <h2 id="targets-title">{t('admin.tab.targets')}</h2>
      <TargetsControls
        axes={{ ...axes, team }}
        teams={teams.data?.teams ?? []}
        regions={regions.data?.regions ?? []}
        kpis={kpis}
        onAxis={changeAxis}
        onCount={(count) => setAxes((a) => ({ ...a, count }))}
      />
      <TargetsGrid
        rows={rowsOf}
        periods={periods}
        ready={ready}
        cellText={cellText}
        invalid={invalid}
        conflictKey={conflict?.key}
        onEdit={grid.edit}
      />
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
              mine: grid.edits[conflict.key]?.text ?? '',
              theirs: conflict.current ? String(conflict.current.value) : t('admin.conflict.deleted'),
            },
          ]}
          onKeepMine={grid.keepMine}
          onUseTheirs={grid.takeTheirs}
        />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={grid.busy || rows.length === 0 || invalid.length > 0 || conflict !== null}
          onClick={grid.save}
        >
          {t('admin.targets.saveAll', { count: rows.length })}
        </button>
        <button type="button" disabled={grid.busy || axes.count < 2} onClick={grid.copyForward}>
          {t('admin.targets.copyForward')}
        </button>
        {grid.message && <span role="status">{grid.message}</span>}
      </div>
    </section>
  )
}
