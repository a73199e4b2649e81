import { useRouter } from '@tanstack/react-router'
import { useEffect, useState } from 'react'

// A page whose figures are still loading shows its heading a moment later; past this, focus stays where it is.
const HEADING_WAIT_MS = 5_000

/**
 * After a navigation to another page (not on the first load, nor when only the query changes, e.g. a period
 * picked), focus moves to the new page's h1 and its text is announced: a screen-reader user hears where they are,
 * a keyboard user goes on from the top of the new page instead of from a link that is gone.
 */
export function RouteAnnouncer() {
  const router = useRouter()
  const [announcement, setAnnouncement] = useState('')
  useEffect(() => {
    let stopWaiting = () => {}
    const unsubscribe = router.subscribe('onRendered', (event) => {
      if (!event.fromLocation || !event.pathChanged) return
      stopWaiting()
      stopWaiting = whenHeadingShown((heading) => {
        heading.tabIndex = -1
        heading.focus()
        setAnnouncement(heading.textContent ?? '')
      })
    })
    return () => {
      stopWaiting()
      unsubscribe()
    }
  }, [router])
  return (
    <p className="visually-hidden route-announcer" role="status" aria-live="polite">
      {announcement}
    </p>
  )
}

/** Calls `found` with the main h1 once it is in the document; returns a function that stops waiting. */
function whenHeadingShown(found: (heading: HTMLElement) => void): () => void {
  const find = () => document.querySelector<HTMLElement>('#main h1')
  const now = find()
  if (now) {
    found(now)
    return () => {}
  }
  const observer = new MutationObserver(() => {
    const heading = find()
    if (!heading) return
    stop()
    found(heading)
  })
  const timer = setTimeout(() => stop(), HEADING_WAIT_MS)
  const stop = () => {
    observer.disconnect()
    clearTimeout(timer)
  }
  observer.observe(document.body, { childList: true, subtree: true })
  return stop
}
