/**
 * lowerCaseUtf8 against the slow reference (decode, toLowerCase, encode): fixed cases, every
 * code point, random strings, and invalid input.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type LowerCased, lowerCaseUtf8 } from './lower-case-utf8.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** The slow reference: lower-cased bytes, and the differing offsets with original bytes. */
function reference(bytes: Uint8Array): { lower: Uint8Array; offsets: number[]; originals: number[] } {
  const lower = encoder.encode(decoder.decode(bytes).toLowerCase())
  const offsets: number[] = []
  const originals: number[] = []
  for (let i = 0; i < Math.min(lower.length, bytes.length); i++) {
    if (lower[i] !== bytes[i]) {
      offsets.push(i)
      originals.push(bytes[i] as number)
    }
  }
  return { lower, offsets, originals }
}

function assertMatchesReference(bytes: Uint8Array, result: LowerCased, label: string): void {
  const expected = reference(bytes)
  assert.deepEqual([...result.lower], [...expected.lower], label)
  assert.deepEqual([...result.caseOffsets], expected.offsets, label)
  assert.deepEqual([...result.caseBytes], expected.originals, label)
}

/** Lower-cases `text` and checks the contract; returns the result. */
function check(text: string): LowerCased | undefined {
  const bytes = encoder.encode(text)
  const result = lowerCaseUtf8(bytes)
  if (result !== undefined) assertMatchesReference(bytes, result, JSON.stringify(text))
  return result
}

function accepted(text: string): LowerCased {
  const result = check(text)
  assert.ok(result !== undefined, `expected a value for ${JSON.stringify(text)}`)
  return result
}

test('pure ASCII is lower-cased with every changed offset listed', () => {
  const result = accepted('Hello World, ABC xyz 123!\n')
  assert.equal(decoder.decode(result.lower), 'hello world, abc xyz 123!\n')
  assert.deepEqual([...result.caseOffsets], [0, 6, 13, 14, 15])
  assert.deepEqual([...result.caseBytes], [...encoder.encode('HWABC')])
})

test('text without capitals comes back unchanged with no offsets', () => {
  const result = accepted('déjà vu — ça va? 中文 😀 ß ж ω')
  assert.equal(result.caseOffsets.length, 0)
  assert.equal(result.caseBytes.length, 0)
})

test('accented Latin capitals are lower-cased in place', () => {
  const result = accepted('École, Äpfel, Øst')
  assert.equal(decoder.decode(result.lower), 'école, äpfel, øst')
})

test('Cyrillic and Greek (without sigma) are lower-cased', () => {
  assert.equal(decoder.decode(accepted('Жизнь ПРЕКРАСНА').lower), 'жизнь прекрасна')
  assert.equal(decoder.decode(accepted('ΑΛΦΑ ΒΗΤΑ Ω').lower), 'αλφα βητα ω')
})

test('titlecase digraphs and astral capitals are lower-cased', () => {
  assert.equal(decoder.decode(accepted('ǄǅǆǇǈ').lower), 'ǆǆǆǉǉ')
  assert.equal(decoder.decode(accepted('𐐀𐐁 Deseret').lower), '𐐨𐐩 deseret')
})

test('emoji and CJK are left alone', () => {
  const result = accepted('😀👍🏽 中文字 한국어 🇫🇷')
  assert.equal(result.caseOffsets.length, 0)
})

test('offsets at the very start and end are listed', () => {
  const result = accepted('AbcD')
  assert.deepEqual([...result.caseOffsets], [0, 3])
  const accentedEnd = accepted('xÉ')
  assert.deepEqual([...accentedEnd.caseOffsets], [2])
  assert.deepEqual([...accentedEnd.caseBytes], [0x89])
})

test('an empty input gives empty arrays', () => {
  const result = accepted('')
  assert.equal(result.lower.length, 0)
  assert.equal(result.caseOffsets.length, 0)
  assert.equal(result.caseBytes.length, 0)
})

test('many changes grow the offset arrays', () => {
  const result = accepted('AÉ'.repeat(5000))
  assert.equal(result.caseOffsets.length, 10000)
})

test('capital sigma is refused (JavaScript applies the final-sigma rule)', () => {
  assert.equal(check('ΟΔΟΣ'), undefined)
  assert.equal(check('Σ'), undefined)
})

test('İ is refused (it lower-cases to two code points)', () => {
  assert.equal(check('İstanbul'), undefined)
})

test('characters whose lower case has another UTF-8 length are refused', () => {
  assert.equal(check('Ɐ'), undefined) // U+2C6F → ɐ, 3 → 2 bytes
  assert.equal(check('Straẞe'), undefined) // U+1E9E → ß, 3 → 2 bytes
  assert.equal(check('5 \u212a'), undefined) // U+212A KELVIN SIGN → k
  assert.equal(check('\u212b'), undefined) // U+212B ANGSTROM SIGN → å
  assert.equal(check('\u2126'), undefined) // U+2126 OHM SIGN → ω
})

test('every code point is handled or refused as the contract says', () => {
  // Planes 0 and 1 hold every cased character; higher planes are sampled.
  for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x20000 ? 1 : 97) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue
    const original = String.fromCodePoint(cp)
    const lowered = original.toLowerCase()
    const bytes = encoder.encode(original)
    const result = lowerCaseUtf8(bytes)
    const label = `U+${cp.toString(16)}`
    if (lowered === original && cp !== 0x3a3) {
      assert.ok(result !== undefined, label)
      assert.equal(Buffer.compare(result.lower, bytes), 0, label)
      assert.equal(result.caseOffsets.length, 0, label)
      continue
    }
    const loweredBytes = encoder.encode(lowered)
    const keepsLength = [...lowered].length === 1 && loweredBytes.length === bytes.length
    if (cp === 0x3a3 || !keepsLength) assert.equal(result, undefined, label)
    else if (result === undefined) assert.fail(`${label} refused`)
    else assertMatchesReference(bytes, result, label)
  }
})

/** mulberry32: a tiny seeded PRNG giving floats in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const REFUSED = ['Σ', 'İ', 'ẞ', 'Ɐ', '\u212a', '\u212b', '\u2126']
const ALPHABET = [
  ...'abcXYZ019 .,;:!?-_#[]()\n\t',
  ...'éÉßÄäΩωЖжσς—中😀ǄǅǆſÅåØøĲĳΐΆάÐðÞþŸÿ',
  ...'ԱաႠⴀ\u1c90ᏸᏰ\uab70𐐀𐐨𞤀𞤢\u0301\u0345ı',
  ...REFUSED,
]

test('random strings match the slow reference, and only refusing characters are refused', () => {
  const random = prng(20240531)
  for (let round = 0; round < 4000; round++) {
    const length = Math.floor(random() * 40)
    let text = ''
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)]
    const result = check(text)
    if (!REFUSED.some((refused) => text.includes(refused))) {
      assert.ok(result !== undefined, `round ${round}: expected a value for ${JSON.stringify(text)}`)
    }
  }
})

test('invalid UTF-8 is refused without throwing', () => {
  const invalid = [
    [0x80],
    [0x41, 0xc3],
    [0xc3, 0x41],
    [0xc0, 0x80],
    [0xe0, 0x80, 0x80],
    [0xed, 0xa0, 0x80],
    [0xe2, 0x82],
    [0xf0, 0x9f, 0x98],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xff],
  ]
  for (const bytes of invalid) assert.equal(lowerCaseUtf8(new Uint8Array(bytes)), undefined, String(bytes))
})
