import { createServer, type IncomingHttpHeaders } from 'node:http'
import { checkSlackBody, checkTeamsBody } from '../digests/payload-rules.ts'

/**
 * A real HTTP webhook receiver on 127.0.0.1 for tests: records every request and answers `status`. Started `like`
 * a tool, it also judges each body as that tool's incoming webhook does (digests/payload-rules.ts):
 * - `slack`: 400 `no_text` (no text and no blocks) or `invalid_blocks` (any other violation), else 200 `ok`;
 * - `teams`: 400 with the violations, else 202 (as a Power Automate workflow answers).
 * A `status` set by the test afterwards (a 503) still wins over an accepted body, so tool receivers can fail too.
 */
export type ReceiverTool = 'slack' | 'teams'

export type Received = {
  headers: IncomingHttpHeaders
  body: string
  /** What the tool rules found wrong with the body (always [] for a plain receiver). */
  violations: string[]
  /** The status and text the receiver answered. */
  answeredWith: number
  answer: string
}

export type Receiver = {
  url: string
  received: Received[]
  status: number
  [Symbol.asyncDispose]: () => Promise<void>
}

const ACCEPTED: Record<ReceiverTool, { status: number; text: string }> = {
  slack: { status: 200, text: 'ok' },
  teams: { status: 202, text: '' },
}

/** The tool's answer to a body: its violations and the error text it sends back. */
function judge(tool: ReceiverTool, text: string): { violations: string[]; error: string } {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return { violations: ['the body is not JSON'], error: tool === 'slack' ? 'invalid_payload' : 'Bad payload' }
  }
  const violations = tool === 'slack' ? checkSlackBody(body) : checkTeamsBody(body)
  if (tool === 'teams') return { violations, error: violations.join('\n') }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const noText = typeof record['text'] !== 'string' && !Array.isArray(record['blocks'])
  return { violations, error: noText ? 'no_text' : 'invalid_blocks' }
}

export async function startReceiver(status?: number, { like }: { like?: ReceiverTool } = {}): Promise<Receiver> {
  const receiver = { received: [], status: status ?? (like ? ACCEPTED[like].status : 200) } as unknown as Receiver
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const verdict = like ? judge(like, body) : { violations: [], error: '' }
      const refused = verdict.violations.length > 0
      const answeredWith = refused ? 400 : receiver.status
      const answer = refused ? verdict.error : like ? ACCEPTED[like].text : 'ok'
      receiver.received.push({ headers: request.headers, body, violations: verdict.violations, answeredWith, answer })
      response.writeHead(answeredWith, { 'content-type': 'text/plain' }).end(answer)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) throw new Error('receiver has no port')
  receiver.url = `http://127.0.0.1:${address.port}/hook`
  receiver[Symbol.asyncDispose] = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return receiver
}
