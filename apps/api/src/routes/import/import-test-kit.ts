import { beforeAll } from 'vitest'
import type { App } from '../../app.ts'
import type { Session } from '../../testing/login-as.ts'
import { useApp, withTenantPerTest, type Kit, type TenantKit } from '../settings/config-test-kit.ts'

// Shared set-up for the import tests over real HTTP: one listening app per test file, a tenant per test, and
// uploads as multipart bodies built by fetch's FormData, the way the browser sends them.

export type UploadOptions = {
  dryRun?: boolean
  /** Sent as the `mapping` form field, before the file, as the wizard does. */
  mapping?: object
  /** Who uploads; the tenant's admin by default. */
  as?: Session
  /** Accept-Language, for the messages' language. */
  language?: string
  /** The file's name; `<entity>.csv` by default. The server reads the bytes, not the name or type. */
  fileName?: string
}

export type ImportKit = TenantKit<Kit> & {
  /** `http://127.0.0.1:<port>` of the listening app. */
  base: string
  /** POST /api/import/<entity>?dryRun=… with the file; the status and the JSON answer. */
  upload(
    entity: string,
    file: string | Buffer,
    options?: UploadOptions,
  ): Promise<{ status: number; body: Record<string, unknown> }>
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function useImportKit(): ImportKit {
  const kit = withTenantPerTest(useApp()) as ImportKit
  beforeAll(async () => {
    kit.base = await listen(kit.app)
  })
  kit.upload = async (entity, file, { dryRun = false, mapping, as, language, fileName } = {}) => {
    const form = new FormData()
    if (mapping) form.append('mapping', JSON.stringify(mapping))
    const name = fileName ?? `${entity}.csv`
    const bytes = typeof file === 'string' ? file : new Uint8Array(file)
    form.append('file', new Blob([bytes], { type: name.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv' }), name)
    const headers = { ...(as ?? kit.admin).headers, ...(language ? { 'accept-language': language } : {}) }
    const response = await fetch(`${kit.base}/api/import/${entity}?dryRun=${dryRun}`, {
      method: 'POST',
      headers,
      body: form,
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  return kit
}

async function listen(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('not listening')
  return `http://127.0.0.1:${address.port}`
}
