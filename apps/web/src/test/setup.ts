import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup())

// A React warning (act(), keys, invalid DOM nesting) is a bug: any console.error fails the test that caused it.
const originalError = console.error
beforeEach(() => {
  console.error = (...args: unknown[]) => {
    originalError(...args)
    throw new Error(`console.error during test: ${args.map(String).join(' ')}`)
  }
})
afterEach(() => {
  console.error = originalError
  globalThis.localStorage?.clear()
})
