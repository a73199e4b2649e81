import { isUtf8 } from 'node:buffer'

/** Bytes that are not UTF-8: `offset` into the bytes last given to `decode`, `byte` the first bad one. */
export class NotUtf8Error extends Error {
  readonly offset: number
  readonly byte: number
  /** The text of the bytes before the bad one. */
  readonly before: string

  constructor(offset: number, byte: number, before: string) {
    super(
      `not UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}): save the file as CSV UTF-8, or choose the encoding Windows-1252`,
    )
    this.offset = offset
    this.byte = byte
    this.before = before
  }
}

/**
 * A strict streaming UTF-8 decoder: where Node's decoders quietly put U+FFFD for a byte that is not UTF-8 (an
 * "é" from a Windows-1252 file), this says where the first one is (issue 14, F10). A character split between
 * chunks is kept for the next one.
 */
export class Utf8Decoder {
  private carry: Buffer = Buffer.alloc(0)

  /** The text of `chunk` (and of the bytes kept from the last one); NotUtf8Error at the first bad byte. */
  decode(chunk: Buffer, final = false): string {
    const bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk])
    const end = final ? bytes.length : completeUpTo(bytes)
    this.carry = bytes.subarray(end)
    if (isUtf8(bytes.subarray(0, end))) return bytes.toString('utf8', 0, end)
    const bad = firstInvalid(bytes.subarray(0, end))
    throw new NotUtf8Error(bad, bytes[bad]!, bytes.toString('utf8', 0, bad))
  }
}

/** The length of `bytes` without a character cut off at its end (at most 3 bytes of one). */
export function completeUpTo(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const b = bytes[i]!
    if ((b & 0xc0) === 0x80) continue // a continuation byte: look further back for its lead
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    return bytes.length - i < length ? i : bytes.length
  }
  return bytes.length
}

function firstInvalid(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0
    if (length === 0 || !isUtf8(bytes.subarray(i, i + length))) return i
    i += length
  }
  return bytes.length
}
