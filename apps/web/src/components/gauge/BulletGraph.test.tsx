import { render, screen } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { I18nProvider } from '../../i18n/i18n.tsx'
import { BulletGraph } from './BulletGraph.tsx'
import type { GaugeProps } from './Gauge.tsx'

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
  bands: { greenFrom: 100_000, orangeFrom: 80_000 },
  bandsText: { greenFrom: '€100,000', orangeFrom: '€80,000' },
}

function renderBullet(overrides: Partial<GaugeProps> = {}, locale: 'en' | 'nl' = 'en') {
  const view = render(
    <I18nProvider locale={locale}>
      <BulletGraph {...wonRevenue} {...overrides} />
    </I18nProvider>,
  )
  const card = view.container.querySelector('article.bullet') as HTMLElement
  const at = (part: string) => Number(card.querySelector(`[data-part="${part}"]`)?.getAttribute('data-fraction'))
  return { card, at, graph: screen.getByRole('img'), unmount: view.unmount }
}

describe('bullet graph', () => {
  test('bands, value bar and target line on the gauge scale (0 … 120,000)', () => {
    const { card, at } = renderBullet()
    const bands = [...card.querySelectorAll<HTMLElement>('[data-part="band"]')]
    expect(bands.map((b) => [b.dataset.level, b.style.left, b.style.width])).toEqual([
      ['red', '0%', '66.667%'], // 80,000 / 120,000
      ['orange', '66.667%', '16.667%'], // up to 100,000 / 120,000
      ['green', '83.333%', '16.667%'],
    ])
    expect(at('bar')).toBeCloseTo(0.7, 10) // 84,000 / 120,000
    expect(at('target-tick')).toBeCloseTo(5 / 6, 10)
    expect(card.querySelector('.bullet-value')?.textContent).toBe('€84,000')
    expect(card.querySelector('.bullet-share')?.textContent).toBe('84% of target')
    expect(card.querySelector('.bullet-target')?.textContent).toBe('Target €100,000')
  })

  test('lower is better: green band first, and the direction said in words', () => {
    const { card } = renderBullet({
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
    const levels = [...card.querySelectorAll<HTMLElement>('[data-part="band"]')].map((b) => b.dataset.level)
    expect(levels).toEqual(['green', 'orange', 'red'])
    expect(card.querySelector('.bullet-direction')?.textContent).toBe('↓ Lower is better')
  })

  test('the accessible name is the gauge one, bands included', () => {
    const { graph } = renderBullet()
    expect(graph.getAttribute('aria-label')).toBe(
      'Won revenue: €84,000 of €100,000 target, orange, needs attention. Orange from €80,000, green from €100,000',
    )
  })

  test('no target and no bands: an empty track saying "No target", no bar, no line', () => {
    const { card } = renderBullet({
      status: 'no-target',
      target: null,
      proRatedTarget: null,
      targetText: undefined,
      proRatedTargetText: undefined,
      bands: null,
      bandsText: undefined,
    })
    expect(card.querySelector('.bullet-track')?.getAttribute('data-scaled')).toBe('false')
    expect(card.querySelector('[data-part="bar"]')).toBeNull()
    expect(card.querySelector('[data-part="target-tick"]')).toBeNull()
    expect(card.querySelector('.bullet-no-scale')?.textContent).toBe('No target')
    expect(card.querySelector('.bullet-value')?.textContent).toBe('€84,000')
  })

  test('no data: a dash and a hatched track, no bands', () => {
    const { card } = renderBullet({ status: 'no-data', value: null, valueText: '—' })
    expect(card.querySelector('.bullet-value')?.textContent).toBe('—')
    expect(card.querySelector('.bullet-track')?.getAttribute('data-pattern')).toBe('hatched')
    expect(card.querySelectorAll('[data-part="band"]')).toHaveLength(0)
  })

  test('in Dutch', () => {
    const { card } = renderBullet(
      { proRatedTarget: 60_000, proRatedTargetText: '€ 60.000', targetText: '€ 100.000' },
      'nl',
    )
    expect(card.querySelector('.bullet-target')?.textContent).toBe('Doel € 100.000 (naar rato € 60.000)')
    expect(card.querySelector('.gauge-status')?.textContent).toBe('!Aandacht nodig')
  })

  test('a Dutch title breaks at the same word boundaries as the gauge (soft hyphens), an English one stays plain', () => {
    const dutch = renderBullet({ title: 'Scoringspercentage' }, 'nl')
    expect(dutch.card.querySelector('.bullet-title')?.textContent).toBe('Scorings\u00adpercentage')
    dutch.unmount()
    const english = renderBullet({ title: 'Win rate' }).card
    expect(english.querySelector('.bullet-title')?.textContent).toBe('Win rate')
  })

  test('a not-started chip shows its own circle, not one drawn inside a ring', () => {
    const { card } = renderBullet({ status: 'not-started', value: null }, 'nl')
    const icon = card.querySelector('.gauge-status-icon') as HTMLElement
    expect(card.querySelector('.gauge-status')?.textContent).toBe('○Nog niet begonnen')
    expect(icon.hasAttribute('data-bare')).toBe(true)
  })
})
