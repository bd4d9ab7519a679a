/**
 * Dates the record refuses are caught in the browser, on their fields: a question's deadline more
 * than a year ahead (a year mistyped), and a document dated after the day it is drafted.
 */
import { describe, expect, it } from 'vitest';
import { actAs, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'far-dates', pages });

const pad = (n: number) => String(n).padStart(2, '0');
/** The local day `days` from now, as a date input holds it. */
const localDay = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

async function signedIn(path: string) {
  const watched = await openPage(demo.browser, PHONE);
  pages.push(watched);
  await watched.page.goto(`${demo.served.url}${path}`);
  await actAs(watched.page, 'hana', 'Hana Kowalski');
  return watched;
}

describe.skipIf(!HAVE_CHROMIUM)('far dates in the forms', () => {
  it('a question’s deadline may not be more than a year ahead', SLOW, async () => {
    const watched = await signedIn('/circulations/new');
    const { page } = watched;
    const circulations = async () =>
      ((await (await fetch(`${demo.served.url}/api/circulations`)).json()) as unknown[]).length;
    const before = await circulations();
    const form = page.getByRole('form', { name: 'Put a question' });
    await form.getByLabel('The question').fill('Shall the orchard be replanted?');
    const deadline = form.getByLabel('Deadline');
    await deadline.fill(`${localDay(400)}T12:00`);
    await form.getByRole('button', { name: 'Put the question' }).click();
    expect(await deadline.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(
      true,
    );
    await page.waitForTimeout(300);
    expect(await circulations()).toBe(before);
    expect(new URL(page.url()).pathname).toBe('/circulations/new');
    // A deadline within the year is taken by the field.
    await deadline.fill(`${localDay(300)}T12:00`);
    expect(await deadline.evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(true);
    expect(watched.problems).toEqual([]);
  });

  it('a document may not be dated after the day it is drafted', SLOW, async () => {
    const watched = await signedIn('/instruments/new');
    const form = watched.page.getByRole('form', { name: 'Draft an instrument' });
    const date = form.getByLabel('Date', { exact: true });
    await date.fill(localDay(30));
    expect(await date.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(
      true,
    );
    await date.fill(localDay(0));
    expect(await date.evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(true);
    expect(watched.problems).toEqual([]);
  });
});
