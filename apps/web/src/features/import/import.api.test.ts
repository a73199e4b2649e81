// @vitest-environment node
// Node's own Blob and FormData, as fetch needs them (jsdom's Blob is not one fetch can read); the CSRF header is
// lib/http.ts's job and tested there.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ApiError } from '../../lib/http.ts'
import { postImport } from './import.api.ts'
import { PLAIN_CSV_FORMAT, type ImportReport } from '@kpi/contract/import'

// A real HTTP server answering as POST /api/import/:entity does (apps/api/src/routes/import/import.routes.ts):
// a dry run's report; a real run's counts, or a 422 carrying the report when a row is wrong; a 400 naming the field.
const report: ImportReport = {
  entity: 'customers',
  rows: 3,
  repeated: 0,
  valid: 2,
  errorCount: 1,
  errors: [{ row: 2, column: 'Owner email', message: 'no user with email nobody@nowhere.example' }],
  preview: [{ externalId: 'C-1', name: 'Bakkerij de Vries' }],
  columns: { 'External ID': 'externalId', 'Customer name': 'name', 'Owner email': 'ownerEmail' },
  format: { ...PLAIN_CSV_FORMAT, detected: ['delimiter'] },
  unmatched: {},
}
let seen: { url: string; contentType: string; body: string } | undefined
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (chunk: Buffer) => (body += chunk.toString()))
  req.on('end', () => {
    seen = { url: req.url ?? '', contentType: req.headers['content-type'] ?? '', body }
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(payload))
    }
    const broken = body.includes('nobody@nowhere.example')
    if (req.url?.startsWith('/api/import/surveys')) {
      return reply(400, { error: 'validation', message: 'Unknown field "score" in the mapping', field: 'mapping' })
    }
    if (req.url?.endsWith('dryRun=true')) return reply(200, report)
    if (broken)
      return reply(422, {
        error: 'validation_failed',
        message: '1 error(s) in the file; nothing was imported',
        ...report,
      })
    return reply(200, { entity: 'customers', rows: 3, inserted: 3, updated: 0, unchanged: 0, repeated: 0 })
  })
})
let base = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const file = (rows: string) => new Blob([`External ID,Customer name,Owner email\n${rows}\n`], { type: 'text/csv' })
const mapping = { columns: { 'External ID': 'externalId', 'Customer name': 'name', 'Owner email': 'ownerEmail' } }
const send = (entity: 'customers' | 'surveys', rows: string, dryRun: boolean) =>
  postImport({ entity, file: file(rows), fileName: 'customers.csv', mapping, dryRun, base })

describe('postImport', () => {
  test('a dry run sends the mapping before the file as multipart/form-data and returns the report', async () => {
    expect(await send('customers', 'C-1,Bakkerij de Vries,rep@example.com', true)).toEqual({ kind: 'report', report })
    expect(seen?.url).toBe('/api/import/customers?dryRun=true')
    expect(seen?.contentType).toMatch(/^multipart\/form-data; boundary=/)
    expect(seen!.body.indexOf('name="mapping"')).toBeLessThan(
      seen!.body.indexOf('name="file"; filename="customers.csv"'),
    )
  })

  test('a real run returns the counts', async () => {
    expect(await send('customers', 'C-1,Bakkerij de Vries,rep@example.com', false)).toEqual({
      kind: 'done',
      result: { entity: 'customers', rows: 3, inserted: 3, updated: 0, unchanged: 0, repeated: 0 },
    })
    expect(seen?.url).toBe('/api/import/customers?dryRun=false')
  })

  test("a real run refused with 422 is not thrown: it carries the report's row errors and the message", async () => {
    expect(await send('customers', 'C-2,Jansen Logistiek,nobody@nowhere.example', false)).toEqual({
      kind: 'failed',
      report,
      message: '1 error(s) in the file; nothing was imported',
    })
  })

  test('any other failure is an ApiError naming the field', async () => {
    const error = await send('surveys', 'C-1,x,y', true).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, field: 'mapping', message: 'Unknown field "score" in the mapping' })
  })
})
