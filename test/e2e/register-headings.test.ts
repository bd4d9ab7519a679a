/**
 * The registers of questions and of dispatches give each entry a heading one level below the
 * page's, as the register of instruments does: a screen reader's list of headings goes from the
 * page to its entries without a level left out (axe-core's heading-order).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { actAs, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'register-headings', pages });

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const secretary = await DemoClient.as(demo.served.url, 'hana');
  const today = new Date().toISOString().slice(0, 10);
  await secretary.act('circulation.open', {
    circulation: 'bins',
    body: 'board',
    mode: 'live',
    text: 'Shall the bins be emptied twice a week?',
    deadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  });
  await secretary.act('dispatch.register', {
    dispatch: 'bins-letter',
    body: 'board',
    number: `${today.slice(0, 4)}/41`,
    received: today,
    from: 'Residents of block B',
    channel: 'letter',
    text: 'The bins overflow on Sundays.',
  });
}, 60_000);

/** The levels of the page's headings, in order. */
const levels = async (watched: WatchedPage): Promise<number[]> =>
  (await watched.page.evaluate(
    "[...document.querySelectorAll('main h1, main h2, main h3, main h4')].map((h) => Number(h.tagName.slice(1)))",
  )) as number[];

describe.skipIf(!HAVE_CHROMIUM)('the headings of the registers', () => {
  it('go down one level at a time, from the page to its entries', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(demo.served.url);
    await actAs(page, 'hana', 'Hana Kowalski');
    for (const [path, entry] of [
      ['/circulations', '[data-circulation="bins"]'],
      ['/dispatches', '[data-dispatch="bins-letter"]'],
    ] as const) {
      await page.goto(`${demo.served.url}${path}`);
      await page.locator(entry).waitFor();
      const found = await levels(watched);
      const skipped = found.filter((level, i) => i > 0 && level > found[i - 1]! + 1);
      expect(skipped, `${path}: headings ${found.join(', ')}`).toEqual([]);
      const heading = page.locator(entry).getByRole('heading', { level: 2 });
      expect(await heading.count(), `${path}: an entry's heading`).toBe(1);
    }
    expect(watched.problems).toEqual([]);
  });

  it('tell the record’s two pagers apart', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/record`);
    await page.getByRole('region', { name: 'The entries' }).waitFor();
    const names = (await page.evaluate(
      "[...document.querySelectorAll('nav[aria-label]')].map((n) => n.getAttribute('aria-label'))",
    )) as string[];
    expect(names.filter((n) => n.startsWith('Pages of the record'))).toEqual([
      'Pages of the record, above the entries',
      'Pages of the record, below the entries',
    ]);
    expect(new Set(names).size, names.join('; ')).toBe(names.length);
    expect(watched.problems).toEqual([]);
  });
});
