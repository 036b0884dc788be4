/**
 * Seeded randomness for tests that pick random moments or inputs: the seed is printed as a test
 * diagnostic and `JASQUE_TEST_SEED=<seed>` replays the same choices (the moments a process is
 * killed still depend on how fast the machine runs, so a replay is close, not exact).
 */
import type { TestContext } from 'node:test'
import { createRandom, type Random } from '../../bench/genvault/random.ts'

export function seededRandom(t: TestContext): Random & { seed: number } {
  const fromEnv = process.env.JASQUE_TEST_SEED?.trim()
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31)
  if (!Number.isInteger(seed)) throw new Error(`JASQUE_TEST_SEED must be an integer, got "${fromEnv}"`)
  t.diagnostic(`seed ${seed} (replay with JASQUE_TEST_SEED=${seed})`)
  return { ...createRandom(seed), seed }
}
