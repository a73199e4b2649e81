import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { I18nProvider } from '../../i18n/i18n.tsx'
import { Gauge } from './Gauge.tsx'
import type { GaugeProps } from './Gauge.tsx'
import { STATUS_STYLE } from './gauge-status.ts'

const wonRevenue: GaugeProps = {
  title: 'Won revenue',
  valueText: '€84,000',
  value: 84_000,
  target: 100_000,
  proRatedTarget: 100_000,
  targetText: '€100,000',
  proRatedTargetText: '€100,000',
  status: 'orange',
  direction: 'higher',
  actionPoints: ['Call every proposal older than 2 weeks'],
}

function renderGauge(overrides: Partial<GaugeProps> = {}, locale: 'en' | 'nl' = 'en') {
  const view = render(
    <I18nProvider locale={locale}>
      <Gauge {...wonRevenue} {...overrides} />
    </I18nProvider>,
  )
  const card = view.container.querySelector('article.gauge') as HTMLElement
  const arc = card.querySelector('[data-part="arc"]')
  return { card, arc, dial: screen.getByRole('img') }
}

describe('status: colour, label and icon', () => {
  test.each([
    { status: 'green' as const, label: 'On track', icon: '✓' },
    { status: 'orange' as const, label: 'Needs attention', icon: '!' },
    { status: 'red' as const, label: 'Critical', icon: '✕' },
    { status: 'no-target' as const, label: 'No target', icon: '–' },
  ])('$status shows "$label" with $icon and the arc in its colour', ({ status, label, icon }) => {
    const { card, arc } = renderGauge({ status })
    expect(card.dataset.status).toBe(status)
    const chip = card.querySelector('.gauge-status') as HTMLElement
    expect(chip.textContent).toBe(`${icon}${label}`)
    expect(arc?.getAttribute('stroke')).toBe(STATUS_STYLE[status].arc)
  })

  test('labels are translated', () => {
    const { card } = renderGauge({ status: 'red' }, 'nl')
    expect(card.querySelector('.gauge-status')?.textContent).toBe('✕Kritiek')
  })
})

describe('value against the (pro-rated) target', () => {
  test('84,000 of a 100,000 target fills 84,000 / 120,000 of the arc and reads 84 %', () => {
    const { card, arc } = renderGauge()
    // the scale runs 0 … 100,000 × 1.2 = 120,000: 84,000 / 120,000 = 0.7
    expect(Number(arc?.getAttribute('data-fraction'))).toBeCloseTo(0.7, 10)
    expect(card.querySelector('.gauge-attainment')?.textContent).toBe('84% of target')
    expect(card.querySelector('.gauge-target')?.textContent).toBe('Target €100,000')
    expect(card.querySelector('[data-part="target-tick"]')).not.toBeNull()
  })

  test('inside a running period the share is of the pro-rated target, and both targets are shown', () => {
    const { card, arc } = renderGauge({ proRatedTarget: 60_000, proRatedTargetText: '€60,000', status: 'green' })
    // 84,000 / 60,000 = 1.4 → 140 %; the value is the largest number: the arc ends at 84,000 × 1.2, so 1 / 1.2
    expect(card.querySelector('.gauge-attainment')?.textContent).toBe('140% of pro-rated target')
    expect(Number(arc?.getAttribute('data-fraction'))).toBeCloseTo(1 / 1.2, 10)
    expect(card.querySelector('.gauge-target')?.textContent).toBe('Target €100,000 (pro-rated €60,000)')
  })

  test('over 100 %: the scale grows with the value, so the target tick moves left and the text says the share', () => {
    const { card, arc } = renderGauge({ value: 180_000, valueText: '€180,000', status: 'green' })
    // 180,000 / 100,000 = 1.8 → "180%"; scale 0 … 216,000: value at 1 / 1.2, target at 100 / 216
    expect(card.querySelector('.gauge-attainment')?.textContent).toBe('180% of target')
    expect(Number(arc?.getAttribute('data-fraction'))).toBeCloseTo(1 / 1.2, 10)
    const tick = card.querySelector('[data-part="target-tick"]')
    expect(Number(tick?.getAttribute('data-fraction'))).toBeCloseTo(100 / 216, 10)
  })

  test('the target marker sits at target ÷ (1.2 × target) and carries the target as its label', () => {
    const { card } = renderGauge({ proRatedTarget: 60_000, proRatedTargetText: '€60,000', value: 30_000 })
    // 60,000 is the largest number: scale 0 … 72,000, tick at 60 / 72
    const tick = card.querySelector('[data-part="target-tick"]')
    expect(Number(tick?.getAttribute('data-fraction'))).toBeCloseTo(60 / 72, 10)
    expect(card.querySelector('[data-part="target-label"]')?.textContent).toBe('€60,000')
  })

  test('a value of 0 draws no value arc but keeps the scale and the tick', () => {
    const { card, arc } = renderGauge({ value: 0, valueText: '€0', status: 'red' })
    expect(arc).toBeNull()
    expect(card.querySelector('.gauge-attainment')?.textContent).toBe('0% of target')
    expect(card.querySelector('[data-part="target-tick"]')).not.toBeNull()
  })
})

describe('a target that a share cannot be taken of', () => {
  test('eNPS +12 against a target of 0: no share, the tick at 0 on a 0 … 14.4 scale', () => {
    const { card, arc, dial } = renderGauge({
      title: 'Employee NPS',
      valueText: '+12',
      value: 12,
      target: 0,
      proRatedTarget: 0,
      targetText: '0',
      proRatedTargetText: '0',
      status: 'green',
      actionPoints: [],
    })
    // 12 / 0 has no meaning, so no "…% of target"; the target 0 is still a place on the scale (12 × 1.2 = 14.4)
    expect(card.querySelector('.gauge-attainment')).toBeNull()
    expect(Number(card.querySelector('[data-part="target-tick"]')?.getAttribute('data-fraction'))).toBe(0)
    expect(Number(arc?.getAttribute('data-fraction'))).toBeCloseTo(1 / 1.2, 10)
    expect(arc?.getAttribute('stroke')).toBe(STATUS_STYLE.green.arc)
    expect(card.querySelector('.gauge-target')?.textContent).toBe('Target 0')
    expect(dial.getAttribute('aria-label')).toBe('Employee NPS: +12 of 0 target, green, on track')
  })
})

describe('lower is better', () => {
  test('churn 3 % against a 2 % target reads 150 % of target, red, with the direction shown', () => {
    const { card, arc } = renderGauge({
      title: 'Churn rate',
      valueText: '3.0%',
      value: 3,
      target: 2,
      proRatedTarget: 2,
      targetText: '2.0%',
      proRatedTargetText: '2.0%',
      status: 'red',
      direction: 'lower',
    })
    // 3 / 2 = 1.5 → 150 %; the value is the largest: at 1 / 1.2 of the scale
    expect(card.querySelector('.gauge-attainment')?.textContent).toBe('150% of target')
    expect(Number(arc?.getAttribute('data-fraction'))).toBeCloseTo(1 / 1.2, 10)
    expect(card.dataset.direction).toBe('lower')
    expect(card.querySelector('.gauge-direction')?.textContent).toBe('↓ Lower is better')
  })

  test('higher-is-better gauges show no direction hint', () => {
    const { card } = renderGauge()
    expect(card.querySelector('.gauge-direction')).toBeNull()
  })
})

describe('threshold bands', () => {
  const bands = { greenFrom: 100_000, orangeFrom: 80_000 }
  const bandsOf = (card: HTMLElement) =>
    [...card.querySelectorAll('[data-part="band"]')].map((b) => [
      b.getAttribute('data-level'),
      Number(b.getAttribute('data-from')).toFixed(4),
      Number(b.getAttribute('data-to')).toFixed(4),
    ])

  test('higher is better: red up to orange, orange up to green, green beyond (scale 0 … 120,000)', () => {
    const { card } = renderGauge({ bands })
    expect(bandsOf(card)).toEqual([
      ['red', '0.0000', '0.6667'], // 80,000 / 120,000
      ['orange', '0.6667', '0.8333'], // 100,000 / 120,000
      ['green', '0.8333', '1.0000'],
    ])
  })

  test('lower is better: green first, red beyond the orange boundary', () => {
    // response time 3 h, target 4 h, green up to 4 h, orange up to 5 h: scale 0 … 6 h
    const { card } = renderGauge({
      value: 3,
      valueText: '3.0 h',
      target: 4,
      proRatedTarget: 4,
      targetText: '4.0 h',
      proRatedTargetText: '4.0 h',
      direction: 'lower',
      status: 'green',
      bands: { greenFrom: 4, orangeFrom: 5 },
    })
    expect(bandsOf(card)).toEqual([
      ['green', '0.0000', '0.6667'],
      ['orange', '0.6667', '0.8333'],
      ['red', '0.8333', '1.0000'],
    ])
  })

  test('absolute bands without a target still give a scale, without a target marker', () => {
    const { card, arc } = renderGauge({
      value: 12,
      valueText: '+12',
      target: null,
      proRatedTarget: null,
      targetText: undefined,
      proRatedTargetText: undefined,
      status: 'orange',
      bands: { greenFrom: 30, orangeFrom: 0 },
    })
    // scale 0 … 36: the orange band from 0, green from 30 / 36; the value at 12 / 36
    expect(bandsOf(card).map(([level]) => level)).toEqual(['orange', 'green'])
    expect(Number(arc?.getAttribute('data-fraction'))).toBeCloseTo(1 / 3, 10)
    expect(card.querySelector('[data-part="target-tick"]')).toBeNull()
    expect(card.querySelector('.gauge-no-scale')).toBeNull()
  })

  test('each band has its own texture, so the bands differ without colour', () => {
    const { card } = renderGauge({ bands })
    const fills = [...card.querySelectorAll('[data-part="band"]')].map((b) => b.getAttribute('stroke'))
    expect(new Set(fills).size).toBe(3)
    for (const fill of fills) expect(card.querySelector(fill!.slice(4, -1))).not.toBeNull() // url(#id) → #id
  })

  test('the accessible name says where the bands begin', () => {
    const { dial } = renderGauge({ bands, bandsText: { greenFrom: '€100,000', orangeFrom: '€80,000' } })
    expect(dial.getAttribute('aria-label')).toBe(
      'Won revenue: €84,000 of €100,000 target, orange, needs attention. Orange from €80,000, green from €100,000',
    )
  })

  test('lower is better, in Dutch', () => {
    const { dial } = renderGauge(
      { direction: 'lower', bands, bandsText: { greenFrom: '4,0 u', orangeFrom: '5,0 u' }, targetText: '€ 100.000' },
      'nl',
    )
    expect(dial.getAttribute('aria-label')).toMatch(/\. Groen tot en met 4,0 u, oranje tot en met 5,0 u$/)
  })
})

describe('no target and no data', () => {
  test('no target: the value as a number, "No target" in the dial, an empty track: not a full arc', () => {
    const { card, arc, dial } = renderGauge({
      status: 'no-target',
      target: null,
      proRatedTarget: null,
      targetText: undefined,
      proRatedTargetText: undefined,
    })
    expect(card.querySelector('.gauge-value')?.textContent).toBe('€84,000')
    expect(card.querySelector('.gauge-attainment')).toBeNull()
    expect(card.querySelector('.gauge-target')).toBeNull()
    expect(card.querySelector('[data-part="target-tick"]')).toBeNull()
    expect(arc).toBeNull()
    expect(card.querySelectorAll('[data-part="band"]')).toHaveLength(0)
    expect(card.querySelector('[data-part="track"]')).not.toBeNull()
    expect(card.querySelector('.gauge-no-scale')?.textContent).toBe('No target')
    expect(dial.getAttribute('aria-label')).toBe('Won revenue: €84,000, no target')
  })

  test('no data: a dash, the reason, a hatched arc and no action points', () => {
    const { card, arc, dial } = renderGauge({
      title: 'Win rate',
      status: 'no-data',
      value: null,
      valueText: '—',
      noValueReason: 'No deals closed in this period',
    })
    expect(card.querySelector('.gauge-value')?.textContent).toBe('—')
    expect(card.querySelector('.gauge-reason')?.textContent).toBe('No deals closed in this period')
    expect(card.querySelector('.gauge-status')?.textContent).toBe('?No data')
    expect(arc?.getAttribute('data-pattern')).toBe('hatched')
    expect(arc?.getAttribute('stroke')).toMatch(/^url\(#gauge-hatch-[\w-]+\)$/)
    expect(card.querySelector('.gauge-attainment')).toBeNull()
    expect(card.querySelector('.gauge-actions')).toBeNull()
    expect(dial.getAttribute('aria-label')).toBe('Win rate: no data, No deals closed in this period')
  })

  test('two no-data gauges on one page get distinct pattern ids', () => {
    const view = render(
      <>
        <Gauge {...wonRevenue} status="no-data" value={null} />
        <Gauge {...wonRevenue} status="no-data" value={null} />
      </>,
    )
    const ids = [...view.container.querySelectorAll('pattern')].map((p) => p.id)
    expect(ids.length).toBeGreaterThan(2)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('action points', () => {
  test.each([
    { status: 'green' as const, shown: false },
    { status: 'orange' as const, shown: true },
    { status: 'red' as const, shown: true },
    { status: 'no-target' as const, shown: false },
  ])('$status → listed: $shown', ({ status, shown }) => {
    renderGauge({ status })
    const section = screen.queryByRole('region', { name: 'Action points' })
    expect(section !== null).toBe(shown)
    if (section)
      expect(
        within(section)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(wonRevenue.actionPoints)
  })

  test('an orange gauge without action points shows no empty box', () => {
    renderGauge({ actionPoints: [] })
    expect(screen.queryByRole('region', { name: 'Action points' })).toBeNull()
  })
})

describe('accessible name', () => {
  test('value, target and status in words', () => {
    const { dial } = renderGauge()
    expect(dial.getAttribute('aria-label')).toBe('Won revenue: €84,000 of €100,000 target, orange, needs attention')
  })

  test('mentions the pro-rated target when it differs', () => {
    const { dial } = renderGauge({ proRatedTarget: 60_000, proRatedTargetText: '€60,000', status: 'green' })
    expect(dial.getAttribute('aria-label')).toBe(
      'Won revenue: €84,000 of €100,000 target (pro-rated €60,000), green, on track',
    )
  })

  test('in Dutch', () => {
    const { dial } = renderGauge({ valueText: '€ 84.000', targetText: '€ 100.000' }, 'nl')
    expect(dial.getAttribute('aria-label')).toBe('Won revenue: € 84.000 van doel € 100.000, oranje, aandacht nodig')
  })
})

describe('details', () => {
  test('the title opens the detail when onOpen is given', () => {
    let opened = 0
    renderGauge({ onOpen: () => opened++ })
    fireEvent.click(screen.getByRole('button', { name: /Won revenue/ }))
    expect(opened).toBe(1)
  })

  test('without onOpen the title is plain text', () => {
    renderGauge()
    expect(screen.queryByRole('button')).toBeNull()
  })

  test('delta and forecast are shown when given', () => {
    const { card } = renderGauge({ deltaText: '+12% vs last month', forecastText: 'Forecast €104,000' })
    expect(card.querySelector('.gauge-delta')?.textContent).toBe('+12% vs last month')
    expect(card.querySelector('.gauge-forecast')?.textContent).toBe('Forecast €104,000')
  })
})
