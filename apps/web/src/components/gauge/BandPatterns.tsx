import { BAND_STYLE, bandPatternId } from './gauge-status.ts'

/** One fill per band level: a tint with its texture (shared by the gauge and the bullet graph). */
export function BandPatterns({ idBase }: { idBase: string }) {
  return (
    <>
      {(Object.keys(BAND_STYLE) as (keyof typeof BAND_STYLE)[]).map((level) => {
        const { fill, ink, texture } = BAND_STYLE[level]
        return (
          <pattern
            key={level}
            id={bandPatternId(idBase, level)}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform={texture === 'hatch' ? 'rotate(45)' : undefined}
          >
            <rect width="6" height="6" fill={fill} />
            {texture === 'hatch' && <rect width="1.6" height="6" fill={ink} opacity="0.35" />}
            {texture === 'dots' && <circle cx="3" cy="3" r="1" fill={ink} opacity="0.45" />}
          </pattern>
        )
      })}
    </>
  )
}
