import fc from 'fast-check'
import { expect, test } from 'vitest'
import { NotUtf8Error, Utf8Decoder } from './utf8.ts'

function decodeInPieces(bytes: Buffer, cuts: number[]): string {
  const decoder = new Utf8Decoder()
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  let text = ''
  let from = 0
  for (const point of points) {
    text += decoder.decode(bytes.subarray(from, point))
    from = point
  }
  return text + decoder.decode(bytes.subarray(from), true)
}

test('any text, U+FFFD and astral characters included, decodes back whatever the chunk boundaries', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
      expect(decodeInPieces(Buffer.from(`${text}\uFFFD`), cuts)).toBe(`${text}\uFFFD`)
    }),
    { numRuns: 2000 },
  )
})

test.each([
  { bytes: Buffer.from('Café Ëlise', 'latin1'), byte: 0xe9, before: 'Caf' },
  { bytes: Buffer.from([0x61, 0xc0, 0x80]), byte: 0xc0, before: 'a' }, // an overlong "NUL"
  { bytes: Buffer.from([0x61, 0xed, 0xa0, 0x80]), byte: 0xed, before: 'a' }, // a UTF-16 surrogate
  { bytes: Buffer.from([0x61, 0x62, 0xe2, 0x82]), byte: 0xe2, before: 'ab' }, // cut off at the end of the file
])('bytes that are not UTF-8 are an error at the first bad one ($byte)', ({ bytes, byte, before }) => {
  const error = (() => {
    try {
      new Utf8Decoder().decode(bytes, true)
    } catch (caught) {
      return caught
    }
  })()
  expect(error).toBeInstanceOf(NotUtf8Error)
  expect(error).toMatchObject({ byte, before })
})
