import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { REPO_ROOT } from '../../support/spawn-server'
import type { StackInfo } from './stack-info'

/** Debian's Chromium, which `.ci/run` installs (`apt-get install -y chromium`). */
const CHROMIUM = process.env.TOLLGATE_CHROMIUM ?? '/usr/bin/chromium'
/** Without the networking flags Chromium dials Google at start and this machine refuses it. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
/** Every page's screenshot, kept as a test artifact. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots')
/** What every open page showed when a test failed: the first thing to look at after a red CI run. */
export const FAILURE_DIR = join(REPO_ROOT, 'test-results', 'failures')
/** The README's screenshots, rewritten when TOLLGATE_UPDATE_SCREENSHOTS=1. */
const README_SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots')
/** The screenshots the README shows; the others stay test artifacts. */
const README_SCREENSHOTS: ReadonlySet<string> = new Set(['overview', 'session'])

/** Launches Chromium; fails with the fix when it is not installed (never skips). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium), as .ci/run does`,
    )
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
}

/** How a test's page differs from a default one. */
export interface PageOptions {
  /** @default 'light' */
  colorScheme?: 'light' | 'dark'
  /** False: the page as it is before its scripts run (server-rendered HTML only). @default true */
  javaScript?: boolean
}

/** A new page (own cookies) at a desktop size, collecting its page errors into `errors`. */
export async function newPage(browser: Browser, errors: string[], options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    javaScriptEnabled: options.javaScript ?? true,
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  return page
}

/** A test file's browser, from {@link useBrowser}. */
export interface TestBrowser {
  /** A new page with its own cookies (close it, or its context, when done). */
  newPage(options?: PageOptions): Promise<Page>
}

/**
 * Launches Chromium before the file's tests and closes it after them, then fails the file if
 * any page threw: an exception in the dashboard's scripts is a bug even when every assertion
 * passed. Call it once at the top of a test file.
 */
export function useBrowser(): TestBrowser {
  let browser: Browser | undefined
  const errors: string[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => keepFailure(browser, task.name))
  })
  afterAll(async () => {
    await browser?.close()
    expect(errors, 'errors thrown in the page').toEqual([])
  })
  return {
    newPage(options) {
      if (browser === undefined) throw new Error('useBrowser(): no browser before beforeAll ran')
      return newPage(browser, errors, options)
    },
  }
}

/** Screenshots of every page still open when test `name` failed, named after it, in {@link FAILURE_DIR}. */
async function keepFailure(browser: Browser | undefined, name: string): Promise<void> {
  const pages = browser?.contexts().flatMap((c) => c.pages()) ?? []
  if (pages.length === 0) return
  mkdirSync(FAILURE_DIR, { recursive: true })
  const stem = name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)
  for (const [i, page] of pages.entries()) {
    // A page that is gone or hung must not turn one failure into a second one.
    await page
      .screenshot({ path: join(FAILURE_DIR, `${stem}-${i}.png`), fullPage: true, timeout: 10_000 })
      .catch(() => {})
  }
}

/** Signs `who` in through the login form and waits for the first project page. */
export async function signIn(
  page: Page,
  stack: StackInfo,
  who: keyof StackInfo['users'],
  path = '/',
): Promise<void> {
  const user = stack.users[who]
  await page.goto(`${stack.webUrl}${path}`)
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/** Saves a full-page screenshot as a test artifact (and for the README when asked). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  if (process.env.TOLLGATE_UPDATE_SCREENSHOTS === '1' && README_SCREENSHOTS.has(name)) {
    mkdirSync(README_SCREENSHOT_DIR, { recursive: true })
    await page.screenshot({ path: join(README_SCREENSHOT_DIR, `${name}.png`), fullPage: false })
  }
  return path
}

/** Waits until a recharts chart has drawn its series (SVG paths with a `d`). */
export async function waitForChart(page: Page, within = 'body'): Promise<number> {
  const paths = page.locator(
    `${within} .recharts-surface path.recharts-curve, ${within} .recharts-surface .recharts-rectangle`,
  )
  await paths.first().waitFor({ state: 'attached' })
  return paths.count()
}
