import fp from 'fastify-plugin'

// On close, Fastify stops listening and drops idle keep-alive sockets, but a request that is in flight at that
// moment leaves its socket open after the answer, kept alive (72 s by default) and holding close() — and so
// the shutdown — until it times out. Answering such requests with `Connection: close` lets the socket end with
// the response, so close() resolves as soon as the last in-flight request is done.
export const drainPlugin = fp(
  async (app) => {
    let closing = false
    app.addHook('preClose', async () => {
      closing = true
    })
    app.addHook('onSend', async (request, reply) => {
      if (closing && request.raw.httpVersionMajor < 2) reply.header('connection', 'close')
    })
  },
  { name: 'drain' },
)
