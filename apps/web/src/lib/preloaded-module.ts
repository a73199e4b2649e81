import { useSyncExternalStore } from 'react'

type ModuleState<T> = { status: 'loading' } | { status: 'loaded'; module: T } | { status: 'failed'; error: unknown }

/** A code-split module whose download started when it was declared, not when React first renders it. */
export type PreloadedModule<T> = {
  readonly subscribe: (onChange: () => void) => () => void
  readonly state: () => ModuleState<T>
}

/**
 * Starts `load()` at once (call it at module level, beside the page that needs it) so the chunk downloads while
 * the page fetches its data. Why not React.lazy + Suspense: a lazy component suspends on its first render even
 * when its chunk has already arrived, and once React has shown a Suspense fallback it keeps it for at least
 * 300 ms (its reveal throttle). A chart that was ready with the figures showed up a third of a second after them.
 */
export function preloadModule<T>(load: () => Promise<T>): PreloadedModule<T> {
  let state: ModuleState<T> = { status: 'loading' }
  const listeners = new Set<() => void>()
  const settle = (next: ModuleState<T>) => {
    state = next
    listeners.forEach((notify) => notify())
  }
  load().then(
    (module) => settle({ status: 'loaded', module }),
    (error: unknown) => settle({ status: 'failed', error }),
  )
  return {
    subscribe: (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    state: () => state,
  }
}

/**
 * The module once it has arrived, undefined before (render a placeholder). A failed download (e.g. a chunk gone
 * after a deploy) is thrown, so the page's error boundary shows it as it would a failed lazy page.
 */
export function usePreloadedModule<T>(preloaded: PreloadedModule<T>): T | undefined {
  const state = useSyncExternalStore(preloaded.subscribe, preloaded.state, preloaded.state)
  if (state.status === 'failed') throw state.error
  return state.status === 'loaded' ? state.module : undefined
}
