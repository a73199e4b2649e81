// The few parts of oidc-provider (a test-only devDependency without bundled types) that testing/oidc-provider.ts uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export type Account = { accountId: string; claims: () => Record<string, unknown> }
  export type Grant = {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }
  export type KoaContextWithOIDC = {
    oidc: {
      client?: { clientId: string }
      session?: { accountId?: string }
      provider: Provider
    }
  }
  export type Configuration = Record<string, unknown>

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration)
    Grant: new (properties: { clientId: string; accountId: string }) => Grant
    callback(): (request: IncomingMessage, response: ServerResponse) => void
  }
}
