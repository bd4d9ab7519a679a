/**
 * What the end-to-end tests stand on: a real `collegium serve --demo` on a free port with a
 * fresh data folder, Debian's Chromium driven by playwright-core, axe-core for accessibility,
 * and screenshots kept under test-results/screenshots.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { toBase64 } from '../../src/core/bytes.js';
import { EXAMPLES } from '../support/examples.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Whether the browser tests can run here: without Chromium they are skipped, and say so. */
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export interface Served {
  readonly url: string;
  /** Stops the server and removes its data folder, unless told to keep it (to serve it again). */
  readonly stop: (options?: { readonly keepData?: boolean }) => Promise<void>;
}

export const COLLEGIUM = join(ROOT, 'bin', 'collegium.js');

/** A fresh data folder for a server. */
export function dataFolder(): string {
  return mkdtempSync(join(tmpdir(), 'collegium-e2e-'));
}

/**
 * A fresh data folder holding the cooperative board's record, open to its members only (the
 * charter's default, as a real organization's is), with one officer enrolled by the key given:
 * the first member, who invites the others. Answers the folder and the charter's text.
 */
export function boardForMembers(officer: { person: string; publicKey: Uint8Array }): {
  data: string;
  charter: string;
} {
  const data = dataFolder();
  const db = join(data, 'collegium.db');
  const example = readFileSync(join(EXAMPLES, 'cooperative-board', 'charter.yaml'), 'utf8');
  const charter = example.replace(/^record: .*$/m, '');
  const file = join(data, 'charter.yaml');
  writeFileSync(file, charter);
  execFileSync(process.execPath, [COLLEGIUM, 'init', '--charter', file, '--db', db]);
  const key = `ed25519:${toBase64(officer.publicKey)}`;
  execFileSync(process.execPath, [COLLEGIUM, 'enrol', officer.person, key, '--db', db]);
  return { data, charter };
}

/** Starts the built server in demo mode and waits until it prints its URL. */
export function serveDemo(): Promise<Served> {
  return serve(dataFolder(), ['--demo']);
}

/** Starts the built server on a free port (unless `flags` name one) over the data folder and
 * waits until it prints its URL; stopping it removes the folder. */
export async function serve(data: string, flags: readonly string[] = []): Promise<Served> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      COLLEGIUM,
      'serve',
      ...(flags.includes('--port') ? [] : ['--port', '0']),
      '--data',
      data,
      ...flags,
    ],
    { cwd: data, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /https?:\/\/[^\s/]+:\d+/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[0].replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    stop: async ({ keepData = false } = {}) => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData) rmSync(data, { recursive: true, force: true });
    },
  };
}

export interface DemoInChromium {
  readonly served: Served;
  readonly browser: Browser;
}

/**
 * A demo server and Chromium for the tests of one file: started before them (where Chromium is
 * installed), stopped after them. What each of `lastScreens.pages` shows at the end is kept
 * first, as `<name>-zz-last-<n>`, to see what went wrong when something did.
 *
 * @example
 * const pages: WatchedPage[] = [];
 * const demo = demoInChromium({ name: 'minutes', pages });
 * describe.skipIf(!HAVE_CHROMIUM)('the minutes', () => {
 *   it('…', async () => {
 *     pages.push(await openPage(demo.browser, LAPTOP));
 *     await pages[0]!.page.goto(demo.served.url);
 *   });
 * });
 */
export function demoInChromium(lastScreens?: {
  readonly name: string;
  readonly pages: readonly WatchedPage[];
}): DemoInChromium {
  let served: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return;
    [served, browser] = await Promise.all([serveDemo(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(
      (lastScreens?.pages ?? []).map((p, i) =>
        screenshot(p.page, `${lastScreens!.name}-zz-last-${i}`).catch(() => undefined),
      ),
    );
    await browser?.close();
    await served?.stop();
  });
  const started = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error('the demo and Chromium are used before they started');
    return part;
  };
  return {
    get served() {
      return started(served);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Chromium, headless, with a fresh temporary profile (playwright makes one per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
export const PROJECTOR: BrowserContextOptions = { viewport: { width: 1600, height: 900 } };

/** A page that records what went wrong in it: script errors and CSP refusals. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly problems: string[];
}

/** How long a page's action or wait may take before it fails. */
const PAGE_WAIT_MS = 60_000;

export async function openPage(
  browser: Browser,
  options: BrowserContextOptions,
): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  // Playwright's 30 s is short where the suite loads both cores: a page's screenshot or a click
  // has waited that long for a busy renderer, and failed a test that passes alone.
  context.setDefaultTimeout(PAGE_WAIT_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text()))
      problems.push(`CSP: ${message.text()}`);
  });
  return { page, context, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the page, in words (empty when none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  return axeViolations(page, ['serious', 'critical']);
}

/** axe-core's violations of the given impacts on the page, in words (empty when none). It is
 * evaluated through the debugging protocol, which the page's CSP does not govern. */
export async function axeViolations(page: Page, impacts: readonly string[]): Promise<string[]> {
  await page.evaluate(`${AXE};0`);
  const violations = (await page.evaluate(
    "axe.run({ resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeViolation[];
  return violations
    .filter((v) => impacts.includes(v.impact ?? ''))
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
}

/** In demo mode, acts as `person` (named `name`) through the banner's picker. */
export async function actAs(page: Page, person: string, name: string): Promise<void> {
  await page.getByLabel('Act as').selectOption(person);
  await page.locator('.who strong', { hasText: name }).waitFor();
}

/** Keeps a screenshot of the page and asserts axe finds nothing serious on it; in demo mode, also
 * that the page says it is a demo. */
export async function checkPage(page: Page, name: string, demo = true): Promise<void> {
  if (demo) await page.getByText('Demo mode:').first().waitFor();
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}
