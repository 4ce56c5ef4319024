import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from './env';

/**
 * Debian's Chromium driven by playwright-core (no browser download: CI installs the `chromium` and
 * `fonts-noto-cjk` packages, see .ci/run). Headless, with what a test needs and nothing that phones home.
 */

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const SCREENSHOTS_DIR = join(REPO_ROOT, 'tests', 'output', 'screenshots');

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The browser binary: CHROMIUM_PATH, else Debian's (the real binary, not its shell launcher). */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p) => p && existsSync(p));
  if (!found)
    throw new Error(
      'Chromium is not installed. Install it as CI does: apt-get install -y --no-install-recommends chromium fonts-noto-cjk',
    );
  return found;
}

/**
 * Under scripts/test-at-date.sh every process sees a moved clock through libfaketime, which Chromium does
 * not survive (pages never load). The browser then runs on the real clock, and each context's clock is
 * set from this process's (moved) one instead: see `openPage`.
 */
const MOVED_CLOCK = Boolean(process.env.FAKETIME);

/** How far this process's clock is moved: its time less the real one (read where libfaketime is not). */
let offsetMs: number | undefined;
function clockOffset(): number {
  offsetMs ??= Date.now() - Number(execFileSync('node', ['-p', 'Date.now()'], { env: realClockEnv() }));
  return offsetMs;
}

/**
 * Runs in the page before its scripts: `Date` reads the moved clock, everything else (timers, animation
 * frames, performance) stays real. Playwright's `clock.install` fakes the timers too, and antd's popups
 * then sometimes never end their motion on a loaded machine.
 */
function moveDate(offset: number): void {
  const Real = Date;
  const now = () => Real.now() + offset;
  globalThis.Date = new Proxy(Real, {
    construct: (target, args) => (args.length ? new target(...(args as [string])) : new target(now())),
    apply: () => new Real(now()).toString(),
    get: (target, key) => (key === 'now' ? now : Reflect.get(target, key)),
  });
}

function realClockEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && key !== 'LD_PRELOAD' && !key.startsWith('FAKETIME')) env[key] = value;
  return env;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    ...(MOVED_CLOCK ? { env: realClockEnv() } : {}),
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions, CSP violations and failed responses seen so far. */
  problems: string[];
}

/** A fresh context (no cookies, no storage) at the viewport, in the given browser language. */
export async function openPage(
  browser: Browser,
  viewport: ViewportName,
  options: { locale?: string } = {},
): Promise<BrowserPage> {
  const phone = viewport === 'phone';
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
  });
  if (MOVED_CLOCK) await context.addInitScript(moveDate, clockOffset());
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Asking who is logged in answers 401 when nobody is: the browser logs it, the app expects it.
    if (message.location().url.endsWith('/api/me') && message.text().includes('401')) return;
    problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return { context, page, problems };
}

/** Writes tests/output/screenshots/<name>-<viewport>.png (the whole page) and returns its path. */
export async function screenshot(page: Page, name: string, viewport: ViewportName): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}-${viewport}.png`);
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}
