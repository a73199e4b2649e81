import { useCallback, useEffect, useRef, useState } from 'react'

export const DEFAULT_EVERY_SECONDS = 15
const MIN_EVERY_SECONDS = 2
const MAX_EVERY_SECONDS = 3600

/** `?every=15` → 15 000 ms; anything missing, non-numeric or outside 2…3600 s falls back to the default. */
export function everyMsFrom(raw: string | null): number {
  const seconds = Number(raw)
  const valid = raw !== null && raw !== '' && Number.isFinite(seconds)
  const within = valid && seconds >= MIN_EVERY_SECONDS && seconds <= MAX_EVERY_SECONDS
  return (within ? seconds : DEFAULT_EVERY_SECONDS) * 1000
}

export type Cycle = {
  /** The shown item, always inside 0…count−1. */
  index: number
  paused: boolean
  next: () => void
  previous: () => void
  /** Space: pause until pressed again. */
  toggleHold: () => void
  /** Pointer over the board: paused while it stays. */
  setHovered: (hovered: boolean) => void
}

/**
 * Shows `count` items one at a time, moving on every `everyMs`. Pausing keeps the time already spent on the item,
 * so the progress bar (a CSS animation paused in step) and the timer agree when the board resumes.
 */
export function useCycle(count: number, everyMs: number): Cycle {
  const [position, setPosition] = useState(0)
  const [held, setHeld] = useState(false)
  const [hovered, setHovered] = useState(false)
  const paused = held || hovered
  const index = count > 0 ? position % count : 0
  const remainingMs = useRef(everyMs)

  // A new item (or interval) gets the whole interval; this runs before the timer effect below is set up.
  useEffect(() => {
    remainingMs.current = everyMs
  }, [index, everyMs])

  useEffect(() => {
    if (paused || count < 2) return
    const startedAt = Date.now()
    const timer = setTimeout(() => setPosition((p) => (p % count) + 1), remainingMs.current)
    return () => {
      clearTimeout(timer)
      remainingMs.current -= Date.now() - startedAt
    }
  }, [index, paused, count, everyMs])

  const next = useCallback(() => setPosition((p) => (count > 0 ? (p % count) + 1 : 0)), [count])
  const previous = useCallback(() => setPosition((p) => (count > 0 ? (p % count) + count - 1 : 0)), [count])
  const toggleHold = useCallback(() => setHeld((h) => !h), [])
  return { index, paused, next, previous, toggleHold, setHovered }
}
