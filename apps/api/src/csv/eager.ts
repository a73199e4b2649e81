import { HttpError } from '../http-errors.ts'

/**
 * Reads `source` as fast as it arrives, keeping the chunks until the consumer takes them. The upload then
 * finishes at network speed however slowly rows are validated, so a large file is not cut off by the server's
 * request timeout (which counts until the last byte is received). Memory stays bounded by `maxBytes`: past it
 * the pump stops with 413.
 */
export function eager(source: AsyncIterable<Buffer | string>, maxBytes: number): AsyncIterable<Buffer> {
  const chunks: Buffer[] = []
  let finished = false
  let failure: unknown
  let wake: (() => void) | undefined
  let bytes = 0
  void (async () => {
    try {
      for await (const chunk of source) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
        bytes += buffer.length
        if (bytes > maxBytes)
          throw new HttpError('payload_too_large', `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`)
        chunks.push(buffer)
        wake?.()
      }
    } catch (error) {
      failure = error
    } finally {
      finished = true
      wake?.()
    }
  })()
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const chunk = chunks.shift()
        if (chunk) {
          yield chunk
          continue
        }
        if (failure !== undefined) throw failure
        if (finished) return
        await new Promise<void>((resolve) => (wake = resolve))
        wake = undefined
      }
    },
  }
}
