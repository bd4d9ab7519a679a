/**
 * A dispatch is registered once it came: the form's Received day may not be a day to come, so a
 * mistyped day is caught in the browser, on its field, and nothing is registered.
 */
import { describe, expect, it } from 'vitest';
import { actAs, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'received-day', pages });

describe.skipIf(!HAVE_CHROMIUM)('the day a dispatch was received', () => {
  it('may not be a day to come', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/dispatches/new`);
    await actAs(page, 'hana', 'Hana Kowalski');
    const form = page.getByRole('form', { name: 'Register a dispatch' });
    await form.getByLabel('From').fill('The water board');
    await form.getByLabel('Text').fill('The mains will be cut on Tuesday.');
    const received = form.getByLabel('Received');
    const later = new Date(Date.now() + 3 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await received.fill(
      `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}`,
    );
    await form.getByRole('button', { name: 'Register the dispatch' }).click();
    expect(await received.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(
      true,
    );
    await page.waitForTimeout(300);
    const list = (await (await fetch(`${demo.served.url}/api/dispatches`)).json()) as unknown[];
    expect(list).toEqual([]);
    expect(await form.getByLabel('Text').inputValue()).toBe('The mains will be cut on Tuesday.');
    expect(watched.problems).toEqual([]);
  });
});
