/**
 * Short, time-sortable ids for journal entries and agent runs: 13 characters of lowercase Crockford
 * base32, the first 9 the creation time in milliseconds, the last 4 a counter that starts at a
 * random value each millisecond. Sorting ids as text sorts them by creation time.
 */
import { randomInt } from 'node:crypto'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const TIME_LENGTH = 9
const SUFFIX_LENGTH = 4
const SUFFIX_LIMIT = 32 ** SUFFIX_LENGTH
/** Random starts stay in the lower half so increments within one millisecond rarely overflow. */
const RANDOM_LIMIT = SUFFIX_LIMIT / 2

function encode(value: number, length: number): string {
  let text = ''
  let rest = value
  for (let index = 0; index < length; index += 1) {
    text = ALPHABET[rest % 32] + text
    rest = Math.floor(rest / 32)
  }
  return text
}

/** Matches an id made by `createIdGenerator` (used to reject garbage before querying). */
export const ID_PATTERN = /^[0-9a-hjkmnp-tv-z]{13}$/

/**
 * Returns a function making ids that are unique and strictly increasing within this generator,
 * even when called many times per millisecond or when the clock steps back.
 */
export function createIdGenerator(): (time: Date) => string {
  let lastTime = -1
  let lastSuffix = 0
  return (time) => {
    let milliseconds = Math.max(0, Math.floor(time.getTime()))
    let suffix: number
    if (milliseconds > lastTime) {
      suffix = randomInt(RANDOM_LIMIT)
    } else {
      milliseconds = lastTime
      suffix = lastSuffix + 1
      if (suffix >= SUFFIX_LIMIT) {
        milliseconds += 1
        suffix = randomInt(RANDOM_LIMIT)
      }
    }
    lastTime = milliseconds
    lastSuffix = suffix
    return encode(milliseconds, TIME_LENGTH) + encode(suffix, SUFFIX_LENGTH)
  }
}
