import { isUtf8 } from 'node:buffer'
import type { ImportFormat } from '@kpi/contract/import'
import iconv from 'iconv-lite'
import { Utf8Decoder, completeUpTo } from './utf8.ts'

export type Encoding = NonNullable<ImportFormat['encoding']>

/**
 * The encoding of a file from its first bytes: a BOM says it (UTF-8, UTF-16 LE/BE); otherwise UTF-8 when the head
 * is valid UTF-8 (ASCII is too), else Windows-1252 — what Excel writes for "CSV" in Western Europe. A UTF-8 guess
 * that meets a bad byte later stops there with a row error suggesting Windows-1252, never a silent U+FFFD.
 */
export function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return isUtf8(head.subarray(0, completeUpTo(head))) ? 'utf-8' : 'windows-1252'
}

/** Streams bytes to text; throws a TextDecodingError (or NotUtf8Error) at the first byte the encoding cannot read. */
export type TextDecoding = { decode(chunk: Buffer, final: boolean): string }

/** Bytes the chosen encoding cannot read; `before` is the text of the bytes before them (to place the row). */
export class TextDecodingError extends Error {
  readonly before: string

  constructor(message: string, before: string) {
    super(message)
    this.before = before
  }
}

export function textDecoding(encoding: Encoding): TextDecoding {
  switch (encoding) {
    case 'utf-8':
      return new Utf8Decoder()
    case 'utf-16le':
    case 'utf-16be': {
      // fatal: an unpaired surrogate or an odd byte at the end is an error, not U+FFFD. The BOM is dropped.
      const decoder = new TextDecoder(encoding, { fatal: true })
      return {
        decode(chunk, final) {
          try {
            return decoder.decode(chunk, { stream: !final })
          } catch {
            throw new TextDecodingError(`not ${encoding.toUpperCase()} text: choose the file's encoding`, '')
          }
        },
      }
    }
    case 'windows-1252': {
      const decoder = iconv.getDecoder('windows-1252')
      return {
        decode(chunk, final) {
          const text = decoder.write(chunk) + (final ? (decoder.end() ?? '') : '')
          // Five bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) mean nothing in Windows-1252; iconv-lite gives U+FFFD.
          const bad = text.indexOf('\uFFFD')
          if (bad === -1) return text
          const byte = chunk[bad]!.toString(16).toUpperCase()
          throw new TextDecodingError(
            `not Windows-1252 text (byte 0x${byte}): choose the file's encoding`,
            text.slice(0, bad),
          )
        },
      }
    }
  }
}
