import { act, render, screen } from '@testing-library/react'
import { Component } from 'react'
import type { ReactNode } from 'react'
import { describe, expect, test } from 'vitest'
import { preloadModule, usePreloadedModule } from './preloaded-module.ts'
import type { PreloadedModule } from './preloaded-module.ts'

type ChartModule = { Chart: () => ReactNode }
const chartModule: ChartModule = { Chart: () => <p>chart</p> }

/** A module load the test settles by hand. */
function deferredLoad() {
  let resolve!: (module: ChartModule) => void
  let reject!: (error: Error) => void
  const promise = new Promise<ChartModule>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { load: () => promise, resolve, reject }
}

function Slot({ module }: { module: PreloadedModule<ChartModule> }) {
  const Chart = usePreloadedModule(module)?.Chart
  return Chart ? <Chart /> : <p>placeholder</p>
}

class Boundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null }
  static getDerivedStateFromError(error: Error) {
    return { error: error.message }
  }
  override render() {
    return this.state.error === null ? this.props.children : <p>failed: {this.state.error}</p>
  }
}

describe('preloadModule', () => {
  test('a module that arrived before the first render shows at once, with no placeholder', async () => {
    const pending = deferredLoad()
    const module = preloadModule(pending.load)
    pending.resolve(chartModule)
    await act(async () => {}) // the download finishes while the page still waits for its data
    render(<Slot module={module} />)
    expect(screen.getByText('chart')).toBeTruthy()
    expect(screen.queryByText('placeholder')).toBeNull()
  })

  test('a module still on its way shows the placeholder, then itself when it arrives', async () => {
    const pending = deferredLoad()
    const module = preloadModule(pending.load)
    render(<Slot module={module} />)
    expect(screen.getByText('placeholder')).toBeTruthy()
    await act(async () => pending.resolve(chartModule))
    expect(screen.getByText('chart')).toBeTruthy()
  })

  test('a failed download reaches the error boundary, as a failed lazy page does', async () => {
    const pending = deferredLoad()
    const module = preloadModule(pending.load)
    render(
      <Boundary>
        <Slot module={module} />
      </Boundary>,
    )
    // React reports a caught render error with console.error; this test expects exactly that error.
    const originalError = console.error
    console.error = () => {}
    try {
      await act(async () => pending.reject(new Error('chunk gone')))
    } finally {
      console.error = originalError
    }
    expect(screen.getByText('failed: chunk gone')).toBeTruthy()
  })
})
