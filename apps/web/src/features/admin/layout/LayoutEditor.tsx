import { useStore } from '@tanstack/react-form'
import { KPIS, KPI_LIST } from '@kpi/domain/kpis/registry'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { useVersionedForm } from '../use-versioned-form.ts'
import type { VersionedResult } from '../versioned-http.ts'
import { MAX_FOCUS_KPIS, move, type DraftArea } from './layout-draft.ts'
import type { Layout } from '@kpi/contract/layout'

type Props = {
  initial: Layout
  save: (areas: DraftArea[], version: number) => Promise<VersionedResult<Layout>>
}

const toAreas = (layout: Layout): DraftArea[] =>
  [...layout.areas].sort((a, b) => a.rank - b.rank).map(({ key, name, kpiKeys }) => ({ key, name, kpiKeys }))
const toDraft = (layout: Layout) => ({ areas: toAreas(layout) })

/**
 * The focus-area layout: areas in display order with their KPIs. Reordering is by buttons (keyboard and screen
 * reader friendly), not drag-only; an area above 3 KPIs shows a warning while editing (saving is still allowed).
 */
export function LayoutEditor({ initial, save }: Props) {
  const t = useT()
  const { locale } = useLocale()
  const record = useVersionedForm({
    initial,
    toDraft,
    // The stored layout is never deleted: `against` is the layout as read, or theirs after a conflict.
    save: ({ areas }, against) => save(areas, (against ?? initial).version),
  })
  const { form, theirs } = record
  const areas = useStore(form.store, (state) => state.values.areas)
  const setAreas = (change: (list: DraftArea[]) => DraftArea[]) => form.setFieldValue('areas', change)
  const message = record.saved ? t('admin.saved') : Object.values(record.serverErrors)[0]
  const nameOf = (key: string) => KPIS[key as KpiKey]?.name[locale] ?? key

  const updateArea = (i: number, change: (a: DraftArea) => DraftArea) =>
    setAreas((list) => list.map((a, j) => (j === i ? change(a) : a)))

  const summary = (list: DraftArea[]) =>
    list.map((a) => `${a.name[locale]}: ${a.kpiKeys.map(nameOf).join(', ')}`).join('\n')

  return (
    <div className="layout-editor">
      {areas.map((area, i) => {
        const areaName = area.name[locale]
        const free = KPI_LIST.filter((k) => !area.kpiKeys.includes(k.key))
        return (
          <section key={area.key} className="layout-area" aria-labelledby={`area-${area.key}`}>
            <header className="form-actions">
              <h3 id={`area-${area.key}`}>
                {i + 1}. {areaName}
              </h3>
              <button
                type="button"
                aria-label={t('admin.layout.areaUp', { area: areaName })}
                disabled={i === 0}
                onClick={() => setAreas((l) => move(l, i, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('admin.layout.areaDown', { area: areaName })}
                disabled={i === areas.length - 1}
                onClick={() => setAreas((l) => move(l, i, 1))}
              >
                ↓
              </button>
            </header>
            {area.kpiKeys.length > MAX_FOCUS_KPIS && (
              <p className="warning" role="status">
                {t('admin.layout.tooMany', { area: areaName, count: area.kpiKeys.length, max: MAX_FOCUS_KPIS })}
              </p>
            )}
            <ol>
              {area.kpiKeys.map((key, k) => (
                <li key={key}>
                  <span>{nameOf(key)}</span>
                  <button
                    type="button"
                    aria-label={t('admin.layout.kpiUp', { kpi: nameOf(key) })}
                    disabled={k === 0}
                    onClick={() => updateArea(i, (a) => ({ ...a, kpiKeys: move(a.kpiKeys, k, -1) }))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={t('admin.layout.kpiDown', { kpi: nameOf(key) })}
                    disabled={k === area.kpiKeys.length - 1}
                    onClick={() => updateArea(i, (a) => ({ ...a, kpiKeys: move(a.kpiKeys, k, 1) }))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={t('admin.layout.remove', { kpi: nameOf(key), area: areaName })}
                    onClick={() => updateArea(i, (a) => ({ ...a, kpiKeys: a.kpiKeys.filter((x) => x !== key) }))}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ol>
            <div className="field inline">
              <label htmlFor={`add-${area.key}`}>{t('admin.layout.add', { area: areaName })}</label>
              <select
                id={`add-${area.key}`}
                value=""
                onChange={(e) => {
                  const key = e.target.value
                  if (key) updateArea(i, (a) => ({ ...a, kpiKeys: [...a.kpiKeys, key] }))
                }}
              >
                <option value="">—</option>
                {free.map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.name[locale]}
                  </option>
                ))}
              </select>
            </div>
          </section>
        )
      })}
      {theirs !== undefined && (
        <ConflictPanel
          rows={[
            {
              label: t('admin.tab.layout'),
              mine: summary(areas),
              theirs: theirs ? summary(toAreas(theirs)) : t('admin.conflict.deleted'),
            },
          ]}
          onKeepMine={record.keepMine}
          onUseTheirs={record.takeTheirs}
        />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={record.busy || theirs !== undefined}
          onClick={() => void form.handleSubmit()}
        >
          {t('admin.save')}
        </button>
        {message && <span role="status">{message}</span>}
      </div>
    </div>
  )
}
