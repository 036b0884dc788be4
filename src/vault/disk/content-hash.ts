/** The `hash` that `read` returns and `expected_hash` is checked against. */
import { hash } from 'node:crypto'

/**
 * SHA-256 of the bytes (a string is hashed as UTF-8), as the first 16 hex characters: 64 bits
 * is plenty to notice a change, and short enough for the model to copy back without mistakes.
 */
export function hashContent(bytes: Uint8Array | string): string {
  return hash('sha256', bytes, 'hex').slice(0, 16)
}
