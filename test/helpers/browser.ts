/**
 * Debian's Chromium driven by playwright-core for the browser tests: headless, no sandbox, no
 * network of its own, a fresh profile per launch, never a browser download. Closed when the test ends.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestContext } from 'node:test'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { REPOSITORY } from './jasque-process.ts'

export const CHROMIUM = '/usr/bin/chromium'

/** Where the browser tests put their screenshots (git-ignored). */
export const ARTIFACTS = path.join(REPOSITORY, 'test-artifacts', 'activity')

/** Why the browser tests cannot run here, or undefined when they can. */
export function findBrowserProblem(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: apt-get install -y chromium`
}

export interface TestPage {
  page: Page
  context: BrowserContext
  /** Console errors and uncaught exceptions of the page so far. */
  errors: string[]
  screenshot(name: string): Promise<string>
}

/** Opens a page in a fresh headless Chromium. */
export async function openPage(t: TestContext): Promise<TestPage> {
  const profile = await mkdtemp(path.join(tmpdir(), 'jasque-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  })
  t.after(async () => {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return {
    page,
    context,
    errors,
    async screenshot(name) {
      await mkdir(ARTIFACTS, { recursive: true })
      const file = path.join(ARTIFACTS, `${name}.png`)
      await page.screenshot({ path: file, fullPage: true })
      return file
    },
  }
}
