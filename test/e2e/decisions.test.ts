/**
 * The register of decisions in Chromium against a real demo server (the cooperative board): on a
 * phone (390 x 844), every decision with its body, its session's own date and its outcome; filtered
 * by outcome, by days and by words; each linked to where it was taken and to its proof; and the
 * decisions of the days chosen downloaded as CSV, its header row and rows checked. The page is
 * checked with axe-core, and for horizontal overflow on the phone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { csvRows } from '../support/csv.js';
import { checkPage, openPage, PHONE, demoInChromium, HAVE_CHROMIUM } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];

const demo = demoInChromium({ name: 'decisions', pages });

/** Nothing is wider than the phone's screen: no sideways scrolling. */
async function expectNoOverflow(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(
    '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
  );
  const { page: width, screen } = widths as { page: number; screen: number };
  expect(width, `${what} is ${width} px wide on a ${screen} px screen`).toBeLessThanOrEqual(screen);
}

const cards = (page: Page) => page.locator('li.card[data-decision]');
const shown = (page: Page) =>
  cards(page).evaluateAll((li) => li.map((e) => e.getAttribute('data-decision')));

describe.skipIf(!HAVE_CHROMIUM)('the register of decisions in the browser', () => {
  it('filters the decisions on a phone and downloads them as CSV', SLOW, async () => {
    const watched = await openPage(demo.browser, { ...PHONE, acceptDownloads: true });
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Decisions' })
      .click();
    await page.getByRole('heading', { name: 'The register of decisions' }).waitFor();
    await expect.poll(() => cards(page).count()).toBeGreaterThan(15);
    const proxy = cards(page).and(page.locator('[data-decision="gus-proxy"]'));
    await expect
      .poll(() => proxy.textContent())
      .toMatch(/Board of Directors · 10 September 2025 · Regular meeting/);
    expect(
      await proxy.getByRole('link', { name: /^Proof: entry \d+$/ }).getAttribute('href'),
    ).toMatch(/^\/record\/\d+$/);
    await checkPage(page, '80-decisions');
    await expectNoOverflow(page, 'the register of decisions');

    // Rejected decisions only: a bylaw short of two thirds, a written resolution short of consent.
    const filters = page.getByRole('search', { name: 'Filter the decisions' });
    await filters.getByLabel('Outcome').selectOption('rejected');
    await expect.poll(() => shown(page)).toContain('bike-room-lights');
    expect((await shown(page)).length).toBeGreaterThan(0);
    for (const text of await cards(page).locator('.outcome-word').allTextContents())
      expect(text).toBe('Rejected');
    const circulation = cards(page).and(page.locator('[data-decision="bike-room-lights"]'));
    expect(
      await circulation
        .getByRole('link', { name: 'a question between meetings' })
        .getAttribute('href'),
    ).toBe('/circulations/bike-room-lights');

    // Every outcome of one meeting's day, then searched for words.
    await filters.getByLabel('Outcome').selectOption('');
    await filters.getByLabel('From').fill('2025-10-08');
    await filters.getByLabel('To').fill('2025-10-08');
    await expect
      .poll(() => shown(page))
      .toEqual(['laundry-hours', 'minutes-september', 'laundry-hours-again', 'bylaw-video']);
    await filters.getByLabel('Search').fill('bylaw');
    await expect.poll(() => shown(page)).toEqual(['bylaw-video']);
    await expectNoOverflow(page, 'the filtered register');
    await checkPage(page, '81-decisions-filtered');

    // Each download is a target a finger can take.
    for (const link of await page.locator('[data-export]').all())
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(24);
    // The CSV of that day's decisions, downloaded as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: 'Decisions', exact: true })
        .and(page.locator('[data-export]'))
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('decisions.csv');
    const rows = csvRows(readFileSync(await download.path(), 'utf8'));
    expect(rows[0]!.join(',')).toBe(
      'session,circulation,body,body_name,date,motion,text,outcome,ayes,nays,abstentions,tally,explanation,ratification,entry,stated,flags',
    );
    expect(rows.slice(1).map((r) => [r[4], r[5], r[7]])).toEqual([
      ['2025-10-08', 'laundry-hours', 'not-decided'],
      ['2025-10-08', 'minutes-september', 'adopted'],
      ['2025-10-08', 'laundry-hours-again', 'adopted'],
      ['2025-10-08', 'bylaw-video', 'adopted'],
    ]);
  });

  it('says the last day of a mandate in words', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/instruments`);
    await page.getByRole('link', { name: /Mandate No\. 2026\/1/ }).click();
    const until = page.locator('dt', { hasText: 'Until' }).locator('+ dd');
    await expect.poll(() => until.innerText()).toBe('30 November 2026');
  });

  it('says a casting vote in the minutes with the choice’s label', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/sessions/board-2025-09-10/minutes`);
    await page.getByText(/The chair gave a casting vote: Aye\./).waitFor();
  });
});
