import { lookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'

/**
 * Where webhooks may go (issue 14 F5, SSRF). An admin types the URL, but the server sends it: without this check
 * a webhook could reach the cloud metadata service, the database port or anything else on the private network.
 * The host is resolved once, every address must be public, and the connection goes to those very addresses (a
 * DNS answer that changes between check and connect cannot switch to 127.0.0.1).
 */
export type WebhookEgress = {
  /** WEBHOOK_ALLOW_PRIVATE_HOSTS: loopback and private receivers are allowed (local development, tests). */
  allowPrivateHosts: boolean
  /** Every address of a host name; node:dns `lookup` with all: true unless a test injects another. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>
}
export type ResolvedAddress = { address: string; family: number }

export const strictEgress: WebhookEgress = { allowPrivateHosts: false }
const RESOLVE_TIMEOUT_MS = 5_000

// Not the public internet: IANA special-purpose ranges. BlockList matches IPv4-mapped IPv6 (::ffff:a.b.c.d) too.
const nonPublic = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (also Alibaba's metadata service)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local: 169.254.169.254 is the AWS/GCP/Azure metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
] as const)
  nonPublic.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback ::1, IPv4-compatible
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4: wraps any IPv4 address
  ['fc00::', 7], // unique local (fd00:ec2::254 is AWS's IPv6 metadata service)
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8], // multicast
] as const)
  nonPublic.addSubnet(network, prefix, 'ipv6')

/** Well-known NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judge that one. */
function nat64Embedded(address: string): string | null {
  const match = /^64:ff9b::([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(new URL(`http://[${address}]`).hostname.slice(1, -1))
  if (!match) return null
  const [high, low] = [parseInt(match[1]!, 16), parseInt(match[2]!, 16)]
  return [high >> 8, high & 255, low >> 8, low & 255].join('.')
}

/** True for an address on the public internet; false for loopback, private, link-local, multicast, reserved. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  if (family === 6) {
    const embedded = nat64Embedded(address)
    if (embedded !== null) return isPublicAddress(embedded)
  }
  return !nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** Names that never mean a public receiver, even where this machine cannot resolve them. */
const privateName = /(^|\.)(localhost|local|internal|home\.arpa)$|^(metadata|metadata\.goog|instance-data)$/

export type HostCheck = { ok: true; addresses: ResolvedAddress[] } | { ok: false; reason: 'not-public' | 'unresolved' }

/** Resolves the URL's host (URL has already turned 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1). */
export async function checkHost(url: URL, egress: WebhookEgress): Promise<HostCheck> {
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase()
  const allowed = egress.allowPrivateHosts
  const family = isIP(host)
  if (family !== 0)
    return allowed || isPublicAddress(host) ? { ok: true, addresses: [{ address: host, family }] } : notPublic
  if (!allowed && privateName.test(host)) return notPublic
  const resolve = egress.resolve ?? ((name: string) => lookup(name, { all: true }))
  let addresses: ResolvedAddress[]
  try {
    addresses = await Promise.race([resolve(host), rejectAfter(RESOLVE_TIMEOUT_MS)])
  } catch {
    return { ok: false, reason: 'unresolved' }
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolved' }
  // Every address, not just the first: a name answering both 8.8.8.8 and 127.0.0.1 is refused.
  if (!allowed && !addresses.every((a) => isPublicAddress(a.address))) return notPublic
  return { ok: true, addresses }
}
const notPublic = { ok: false, reason: 'not-public' } as const

const rejectAfter = (ms: number) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())

/**
 * POSTs `body` to `url`, connecting only to `addresses` (from checkHost): the custom lookup answers with them, so
 * no second DNS query happens. TLS still verifies the certificate against the URL's host name. Resolves with the
 * HTTP status; redirects are not followed (node:http never does). Rejects on any network error or the signal.
 */
export function postPinned(
  url: URL,
  addresses: ResolvedAddress[],
  { body, headers, signal }: { body: string; headers: Record<string, string>; signal: AbortSignal },
): Promise<number> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) return callback(null, addresses)
    const first = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0]!
    callback(null, first.address, first.family)
  }
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      { method: 'POST', headers, lookup: pinned, signal, agent: false },
      (response) => {
        resolve(response.statusCode ?? 0)
        response.destroy() // the body is not needed
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}
