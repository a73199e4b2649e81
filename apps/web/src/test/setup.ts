import { cleanup, configure } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'

// findBy*/waitFor wait up to 5 s instead of 1 s: the whole suite runs in parallel on two cores, where a page that
// fetches from the local test server can take longer than a second to settle. Nothing here asserts on timing.
configure({ asyncUtilTimeout: 5_000 })

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

// jsdom's FormData is not the FormData Node's fetch knows, so fetch(url, { body: jsdomFormData }) would send the
// text "[object FormData]". Vitest's Request converts it; going through it gives fetch a body as a browser's would.
const nodeFetch = globalThis.fetch
globalThis.fetch = (input, init) => nodeFetch(new Request(input, init))
