/**
 * On a phone every control is large enough to tap: at least 24 by 24 CSS pixels, the minimum of
 * WCAG 2.2 (2.5.8, target size). The main pages are walked on a 375 px screen, their disclosures
 * opened, and every visible link, button, field, list and disclosure measured.
 *
 * Exempt, as WCAG exempts them: a link inside a sentence (its height is the line's, set by the
 * words around it; making it taller would space the text apart). A link counts as in a sentence
 * when it is laid out inline, outside any navigation, and its block holds words besides links.
 * A list of links with nothing but separators between them (as the CSV downloads) is no sentence:
 * each of them is a target of its own. The spacing exception is not used: each control itself
 * is measured.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { DemoClient } from './demo-client.js';
import {
  actAs,
  demoInChromium,
  HAVE_CHROMIUM,
  openPage,
  screenshot,
  SCREENSHOTS,
} from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 180_000 };
const SMALL_PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 740 },
  isMobile: true,
  hasTouch: true,
};
const MINIMUM = 24;
const SESSION = 'phone-targets';
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'tap-targets', pages });

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const secretary = await DemoClient.as(demo.served.url, 'hana');
  await secretary.act('session.open', {
    session: SESSION,
    body: 'board',
    mode: 'live',
    title: 'Targets',
  });
  await secretary.act('motion.propose', { session: SESSION, motion: 'm1', text: 'Motion one.' });
  await secretary.act('attendance.arrive', { session: SESSION, person: 'ada' });
  await secretary.act('attendance.excuse', {
    session: SESSION,
    person: 'gus',
    reason: 'travelling abroad for the whole of the week',
  });
}, 60_000);

/** Every visible control of the page smaller than the minimum, in words (empty when none). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((minimum) => {
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, summary',
    );
    const words = (block: Element) => {
      const copy = block.cloneNode(true) as Element;
      copy.querySelectorAll('a, button').forEach((c) => c.remove());
      return /\p{L}{2,}/u.test(copy.textContent ?? '');
    };
    const inSentence = (a: HTMLElement) => {
      if (a.tagName !== 'A' || getComputedStyle(a).display !== 'inline') return false;
      if (a.closest('nav')) return false;
      let block = a.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline'))
        block = block.parentElement;
      return !!block && words(block);
    };
    const small: string[] = [];
    for (const control of Array.from(controls)) {
      const box = control.getBoundingClientRect();
      const style = getComputedStyle(control);
      // Not shown: in a closed disclosure, hidden, or visually hidden for screen readers only.
      if (control.closest('details:not([open]) > :not(summary)')) continue;
      if (style.visibility === 'hidden' || box.width <= 1 || box.height <= 1) continue;
      // Shown only on focus (the link that skips to the content).
      if (box.bottom <= 0 || box.right <= 0) continue;
      if (box.width >= minimum - 0.5 && box.height >= minimum - 0.5) continue;
      if (inSentence(control)) continue;
      const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim();
      const type = control.getAttribute('type');
      small.push(
        `${control.tagName.toLowerCase()}${type ? `[${type}]` : ''} "${name.slice(0, 40)}" ` +
          `${Math.round(box.width)}x${Math.round(box.height)}`,
      );
    }
    return small;
  }, MINIMUM);
}

/** Opens `path`, waits for its heading, opens its disclosures; answers what is too small. */
async function measured(page: Page, path: string): Promise<string[]> {
  await page.goto(`${demo.served.url}${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('details:not([open]) > summary').evaluateAll((summaries) => {
    for (const s of summaries) (s.parentElement as HTMLDetailsElement).open = true;
  });
  const small = await smallTargets(page);
  await screenshot(page, `tap-targets${path.replace(/[^a-z0-9]+/gi, '-')}`);
  return small.map((s) => `${path}: ${s}`);
}

describe.skipIf(!HAVE_CHROMIUM)('tap targets on a phone', () => {
  it('are at least 24 by 24 px on the main pages, for an officer', SLOW, async () => {
    const watched = await openPage(demo.browser, SMALL_PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(demo.served.url);
    await actAs(page, 'hana', 'Hana Kowalski');
    const { instruments } = (await (await fetch(`${demo.served.url}/api/instruments`)).json()) as {
      instruments: { id: string }[];
    };
    const paths = [
      '/',
      `/sessions/${SESSION}`,
      `/sessions/${SESSION}/minutes`,
      '/decisions',
      '/circulations',
      '/circulations/new',
      '/dispatches',
      '/dispatches/new',
      '/instruments',
      `/instruments/${encodeURIComponent(instruments[0]!.id)}`,
      '/instruments/new',
      '/queue',
      '/inbox',
      '/record',
      '/record/1',
      '/verify',
    ];
    const small: string[] = [];
    for (const path of paths) small.push(...(await measured(page, path)));
    expect(small).toEqual([]);
  });

  it('are at least 24 by 24 px on a member’s ballot', SLOW, async () => {
    const watched = await openPage(demo.browser, SMALL_PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(demo.served.url);
    await actAs(page, 'ben', 'Ben Lindqvist');
    expect(await measured(page, `/sessions/${SESSION}/ballot`)).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('the attendance on a phone', () => {
  it('says "Check in" and "Check out" on one line', SLOW, async () => {
    const watched = await openPage(demo.browser, SMALL_PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(demo.served.url);
    await actAs(page, 'hana', 'Hana Kowalski');
    await page.goto(`${demo.served.url}/sessions/${SESSION}`);
    const attendance = page.locator('.attendance');
    await attendance.getByRole('button', { name: 'Check out Ada Okafor' }).waitFor();
    await attendance.screenshot({ path: join(SCREENSHOTS, 'tap-targets-attendance.png') });
    // Each button's words on one line, kept so whatever else the row holds (a long name, a
    // reason given for an absence, a larger font), and the button within the list.
    const list = (await attendance.boundingBox())!;
    const buttons = await attendance.getByRole('button').evaluateAll((all) =>
      all.map((b) => {
        const words = document.createRange();
        words.selectNodeContents(b);
        const lines = new Set(Array.from(words.getClientRects()).map((r) => Math.round(r.top)))
          .size;
        const { whiteSpace, flexShrink } = getComputedStyle(b);
        return {
          text: b.textContent,
          lines,
          whiteSpace,
          flexShrink,
          right: b.getBoundingClientRect().right,
        };
      }),
    );
    expect(buttons.length).toBeGreaterThan(1);
    for (const b of buttons) {
      expect(b, b.text!).toMatchObject({ lines: 1, whiteSpace: 'nowrap', flexShrink: '0' });
      expect(b.right, b.text!).toBeLessThanOrEqual(list.x + list.width + 0.5);
    }
  });
});
