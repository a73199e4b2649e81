import { createServer, type IncomingHttpHeaders } from 'node:http'

/** A real HTTP webhook receiver on 127.0.0.1 for tests: records every request, answers `status`. */
export type Receiver = {
  url: string
  received: { headers: IncomingHttpHeaders; body: string }[]
  status: number
  [Symbol.asyncDispose]: () => Promise<void>
}

export async function startReceiver(status = 200): Promise<Receiver> {
  const receiver = { received: [], status } as unknown as Receiver
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(receiver.status, { 'content-type': 'text/plain' }).end('ok')
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
