import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
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
/** The README's screenshots, rewritten when TOLLGATE_UPDATE_SCREENSHOTS=1. */
const README_SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots')

/** Launches Chromium; fails with the fix when it is not installed (never skips). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium), as .ci/run does`,
    )
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
}

/** A new page (own cookies) at a desktop size, failing the test on any page error. */
export async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  return page
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
  if (process.env.TOLLGATE_UPDATE_SCREENSHOTS === '1') {
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
