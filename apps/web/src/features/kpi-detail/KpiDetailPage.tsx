import { isKpiKey, type KpiKey } from '@kpi/domain/kpis/keys'
import { getKpi } from '@kpi/domain/kpis/registry'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams, useSearch } from '@tanstack/react-router'
import { FiguresError } from '../../components/feedback/FiguresError.tsx'
import { Gauge } from '../../components/gauge/Gauge.tsx'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import { withSoftHyphens } from '../../i18n/hyphenation.ts'
import { preloadModule, usePreloadedModule } from '../../lib/preloaded-module.ts'
import { PrintHeader } from '../../components/layout/PrintHeader.tsx'
import { DEFAULT_TIME_ZONE } from '../../i18n/format.ts'
import { useMe } from '../../lib/session/auth.queries.ts'
import {
  FigureControls,
  figureSearchOf,
  useFigureParams,
  useSetSearch,
} from '../../components/figure-controls/FigureControls.tsx'
import type { FigureParams } from '../../lib/figures/dashboard.queries.ts'
import { kpiText, numberOf, toGaugeProps } from '../../lib/figures/gauge-props.ts'
import { formatDelta } from '../../lib/figures/kpi-text.ts'
import { paceText } from '../../lib/figures/pace-text.ts'
import { periodLabel } from '../../lib/figures/period-label.ts'
import { periodState } from '../../lib/figures/period-state.ts'
import { BreakdownTabs } from './BreakdownTabs.tsx'
import { exportHref, kpiDetailQuery, recordsParams } from './kpi-detail.queries.ts'
import { KpiNotes } from './KpiNotes.tsx'
import { Leaderboard } from './Leaderboard.tsx'
import { RecordsTable } from './RecordsTable.tsx'
import { trendPoints } from './trend-points.ts'
import type { DetailTrendChartProps } from './DetailTrendChart.tsx'
import './kpi-detail.css'
import type { KpiDetailWithRecords as KpiDetail } from '@kpi/contract/kpis'

// Recharts is the heaviest dependency: its own chunk, downloaded while the detail's figures are fetched.
const trendChartModule = preloadModule(() => import('./DetailTrendChart.tsx'))

/** One KPI in depth: gauge, trend against target, leaderboard, breakdowns, the records behind it, CSV downloads. */
export default function KpiDetailPage() {
  const { kpiKey } = useParams({ from: '/kpi/$kpiKey' })
  const search = useSearch({ from: '/kpi/$kpiKey' })
  const t = useT()
  const params = useFigureParams()
  const records = recordsParams(search)
  const known = isKpiKey(kpiKey)
  const query = useQuery({ ...kpiDetailQuery(kpiKey, params, records), enabled: known })
  const back = (
    <p className="back-link">
      <Link to="/" search={{ ...figureSearchOf(search), scope: dashboardScope(params) || undefined }}>
        ← {t('kpi.back')}
      </Link>
    </p>
  )
  if (!known) {
    return (
      <div className="page-head">
        <div>
          {back}
          <h1>{t('kpi.unknown')}</h1>
          <p className="page-sub">
            <code>{kpiKey}</code>
          </p>
        </div>
      </div>
    )
  }
  return (
    <>
      {back}
      {query.isError ? (
        <FiguresError error={query.error} />
      ) : query.data === undefined ? (
        <DetailSkeleton />
      ) : (
        <DetailBody kpiKey={kpiKey} detail={query.data} params={params} busy={query.isFetching} />
      )}
    </>
  )
}

/** A rep opened from the leaderboard goes back to the team dashboard, not to a per-rep one. */
const dashboardScope = (params: FigureParams) => (params.scope.startsWith('rep:') ? '' : params.scope)

function DetailBody(props: { kpiKey: string; detail: KpiDetail; params: FigureParams; busy: boolean }) {
  const { kpiKey, detail, params, busy } = props
  const t = useT()
  const fmt = useFormat()
  const { locale } = useLocale()
  const me = useMe()
  const currency = me?.organization.currency ?? 'EUR'
  const { kpi } = detail
  const format = (value: number) => kpiText(kpi, value, locale, currency)
  // The same words as My targets: what is still needed, never a need rounded to 0 (lib/figures/pace-text.ts).
  const pace = paceText(
    kpi,
    detail.workingDays.remaining,
    format,
    t,
    detail.scope === `rep:${me?.user.id}` ? 'you' : 'team',
  )
  const periodText = periodLabel(detail.period, locale)
  const repNames = new Map(detail.byRep.map((r) => [Number(r.key.replace('rep:', '')), r.name]))
  const repName = detail.scope.startsWith('rep:') ? (detail.scopeName ?? detail.scope) : undefined
  // A rep's own detail has no leaderboard: the rows' owner is the rep in view.
  if (repName !== undefined) repNames.set(Number(detail.scope.slice(4)), repName)
  const points = trendPoints(detail, locale)
  const valued = points.filter((p) => p.value !== null)
  const setSearch = useSetSearch()
  const search = useSearch({ from: '/kpi/$kpiKey' })
  const repSearch = (repKey: string) => ({ ...figureSearchOf(search), scope: repKey })

  return (
    <div className="kpi-detail" aria-busy={busy}>
      <PrintHeader
        scope={printScope(detail, repName, t)}
        period={periodText}
        timeZone={me?.organization.timeZone ?? DEFAULT_TIME_ZONE}
      />
      <div className="page-head">
        <div>
          <h1>{withSoftHyphens(kpi.name, locale)}</h1>
          <p className="page-sub">
            {periodText}
            {repName !== undefined
              ? ` · ${t('kpi.repScope', { name: repName })}`
              : detail.scopeName !== null && ` · ${detail.scopeName}`}
          </p>
        </div>
        <FigureControls
          params={params}
          me={me}
          periodStart={detail.period.startDate}
          periodEnd={detail.period.endDate}
          periodState={periodState(detail.period, detail.now)}
          extraScope={
            repName !== undefined && detail.scope !== `rep:${me?.user.id}`
              ? { value: detail.scope, label: t('kpi.repScope', { name: repName }) }
              : undefined
          }
        />
      </div>

      <div className="kpi-detail-top">
        <Gauge {...toGaugeProps(kpi, { locale, currency, fmt, t, periodStartDate: detail.period.startDate })} />
        <section className="panel kpi-compare" aria-labelledby="kpi-compare">
          <h2 id="kpi-compare">{t('kpi.summary')}</h2>
          <p className="page-sub">{getKpi(kpiKey as KpiKey).description[locale]}</p>
          <KpiNotes value={kpi.value} />
          <dl>
            {comparison(t('kpi.previousPeriod'), kpi.previous.value, kpi.previous.delta)}
            {comparison(t('kpi.lastYear'), kpi.lastYear.value, kpi.lastYear.delta)}
            {kpi.accumulation === 'sum' && numberOf(kpi.forecast) !== null && (
              <>
                <dt>{t('kpi.forecast')}</dt>
                <dd>{format(numberOf(kpi.forecast)!)}</dd>
              </>
            )}
            {pace !== '' && (
              <>
                <dt>{t('kpi.pace')}</dt>
                <dd>{pace}</dd>
              </>
            )}
          </dl>
        </section>
      </div>

      <section className="panel" aria-labelledby="kpi-trend">
        <h2 id="kpi-trend">{t('kpi.trend', { count: points.length })}</h2>
        <TrendChart
          points={points}
          formatValue={format}
          labels={{
            actual: t('kpi.actual'),
            target: t('kpi.target'),
            soFar: t('kpi.soFar'),
            soFarTo: (date) => t('kpi.soFarTo', { date }),
            targetToDate: t('kpi.targetToDate'),
          }}
          ariaLabel={t('kpi.trendAria', {
            title: kpi.name,
            count: points.length,
            first: valued[0]?.value == null ? '—' : format(valued[0].value),
            last: valued.at(-1)?.value == null ? '—' : format(valued.at(-1)!.value!),
            target: kpi.target === null ? '—' : format(kpi.target.full),
          })}
        />
      </section>

      <div className="kpi-detail-grid">
        <section className="panel" aria-labelledby="kpi-leaderboard">
          <div className="panel-head">
            <h2 id="kpi-leaderboard">{t('kpi.leaderboard')}</h2>
            {detail.byRep.length > 0 && (
              <a className="download-link" href={exportHref(kpiKey, 'breakdown', params, { by: 'rep' })} download>
                {t('kpi.downloadBreakdown')}
              </a>
            )}
          </div>
          <Leaderboard
            rows={detail.byRep}
            direction={kpi.direction}
            format={format}
            kpiKey={kpiKey}
            repSearch={repSearch}
            ownLineOnly={
              me?.user.role === 'rep' && !me.organization.leaderboardEnabled && detail.scope.startsWith('team:')
            }
          />
        </section>
        <section className="panel" aria-labelledby="kpi-breakdown">
          <h2 id="kpi-breakdown">{t('kpi.breakdown')}</h2>
          <BreakdownTabs
            groups={{ segment: detail.bySegment, product: detail.byProductCategory, channel: detail.byChannel }}
            showShare={kpi.accumulation === 'sum'}
            format={format}
            downloadHref={(by) => exportHref(kpiKey, 'breakdown', params, { by })}
          />
        </section>
      </div>

      <section className="panel" aria-labelledby="kpi-records">
        <div className="panel-head">
          <h2 id="kpi-records">{t('kpi.records')}</h2>
          {detail.records && detail.records.total > 0 && (
            <a
              className="download-link"
              href={exportHref(kpiKey, 'records', params, { sort: detail.records.sort })}
              download
            >
              {t('kpi.downloadRecords')}
            </a>
          )}
        </div>
        <RecordsTable
          records={detail.records}
          periodText={periodText}
          currency={currency}
          personName={(id) => repNames.get(id) ?? (me?.user.id === id ? me.user.name : undefined)}
          onChange={(change) => setSearch(change)}
        />
      </section>
    </div>
  )

  /** A comparison figure and how the current value differs from it ("€3,000 — now +100%"). */
  function comparison(label: string, value: KpiDetail['kpi']['value'], delta: number | null) {
    const number = numberOf(value)
    return (
      <>
        <dt>{label}</dt>
        <dd>
          {number === null
            ? '—'
            : delta !== null && number !== 0
              ? t('kpi.vsValue', { value: format(number), delta: formatDelta(fmt, delta / Math.abs(number)) })
              : format(number)}
        </dd>
      </>
    )
  }
}

/** The trend chart, or its placeholder of the same size until Recharts has arrived. */
function TrendChart(props: DetailTrendChartProps) {
  const DetailTrendChart = usePreloadedModule(trendChartModule)?.DetailTrendChart
  return DetailTrendChart ? <DetailTrendChart {...props} /> : <div className="skeleton-chart" aria-hidden="true" />
}

function DetailSkeleton() {
  const t = useT()
  return (
    <div className="kpi-detail skeleton" aria-busy="true">
      <p className="visually-hidden">{t('common.loading')}</p>
      <div className="skeleton-line wide" aria-hidden="true" />
      <div className="skeleton-gauge" aria-hidden="true" />
      <div className="skeleton-chart" aria-hidden="true" />
    </div>
  )
}

/** The scope as the dashboard's picker names it ("Team North"), for the printed page's header. */
function printScope(detail: KpiDetail, repName: string | undefined, t: ReturnType<typeof useT>): string {
  if (repName !== undefined) return repName
  if (detail.scopeName === null) return t('dashboard.scopeOrg')
  return detail.scope.startsWith('team:') ? t('dashboard.scopeTeam', { name: detail.scopeName }) : detail.scopeName
}
