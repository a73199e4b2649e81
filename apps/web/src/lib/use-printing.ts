import { useEffect, useState } from 'react'
import { flushSync } from 'react-dom'

/**
 * True while the page is laid out for paper: between `beforeprint` and `afterprint`, or while the print media
 * query matches (an emulated print). The browser lays the page out for paper right after `beforeprint` returns,
 * so the change renders synchronously (flushSync) — a chart drawn for paper in time, not after the printout.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => window.matchMedia?.('print').matches ?? false)
  useEffect(() => {
    const set = (value: boolean) => () => flushSync(() => setPrinting(value))
    const query = window.matchMedia?.('print')
    const onQuery = (event: MediaQueryListEvent) => flushSync(() => setPrinting(event.matches))
    const before = set(true)
    const after = set(false)
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    query?.addEventListener('change', onQuery)
    return () => {
      window.removeEventListener('beforeprint', before)
      window.removeEventListener('afterprint', after)
      query?.removeEventListener('change', onQuery)
    }
  }, [])
  return printing
}
