import type { MessageKey } from '../../i18n/messages.ts'

export type GaugeStatus = 'green' | 'orange' | 'red' | 'no-target' | 'no-data' | 'not-started'

type StatusStyle = {
  /** Arc colour: decoration only, every status also has a label and an icon. */
  arc: string
  /** Dark text on a light tint: ≥ 7:1 contrast, so the chip passes WCAG AA (and AAA) at any size. */
  text: string
  tint: string
  icon: string
  /** The icon is itself a circle (○): drawn without the ring the other icons sit in, so it never reads as ◎. */
  bareIcon?: true
  label: MessageKey
}

export const STATUS_STYLE: Record<GaugeStatus, StatusStyle> = {
  green: { arc: '#2f9e62', text: '#14532d', tint: '#e3f4ea', icon: '✓', label: 'status.green' },
  orange: { arc: '#e8890c', text: '#7a3e00', tint: '#fdf0dc', icon: '!', label: 'status.orange' },
  red: { arc: '#d64545', text: '#8f1d1d', tint: '#fde6e6', icon: '✕', label: 'status.red' },
  'no-target': { arc: '#a3adb9', text: '#39424e', tint: '#eceff3', icon: '–', label: 'status.no-target' },
  'no-data': { arc: '#c4cbd4', text: '#39424e', tint: '#eceff3', icon: '?', label: 'status.no-data' },
  // A period that has not begun: nothing to judge yet, drawn like no-data but saying why (decision 32).
  'not-started': {
    arc: '#b9c6d8',
    text: '#33415c',
    tint: '#e8eef7',
    icon: '○',
    bareIcon: true,
    label: 'status.not-started',
  },
}

/** Action points belong to a threshold level that has been reached: only orange and red carry them. */
export function showsActionPoints(status: GaugeStatus): boolean {
  return status === 'orange' || status === 'red'
}

/**
 * Threshold bands behind the value: light tints of the status colours, each with its own texture (red hatched,
 * orange dotted, green plain), so the bands stay apart for colour-blind eyes and in greyscale print.
 */
export const BAND_STYLE: Record<
  'green' | 'orange' | 'red',
  { fill: string; ink: string; texture: 'plain' | 'dots' | 'hatch' }
> = {
  green: { fill: '#dcefe3', ink: '#2f9e62', texture: 'plain' },
  orange: { fill: '#fbe6c8', ink: '#c46f00', texture: 'dots' },
  red: { fill: '#f8d9d9', ink: '#c23b3b', texture: 'hatch' },
}

/** The id of a band's pattern; `idBase` (React's useId) keeps two charts on a page from sharing one. */
export const bandPatternId = (idBase: string, level: keyof typeof BAND_STYLE) => `band-${level}-${idBase}`
