/**
 * A link to a question, dispatch, instrument or session the record does not hold (mistyped, or
 * from another record) opens a page that says so in its heading, with the server's words and a
 * way to the register, rather than a page with no heading and one red line.
 */
import { describe, expect, it } from 'vitest';
import { actAs, checkPage, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'not-found', pages });

describe.skipIf(!HAVE_CHROMIUM)('what the record does not hold', () => {
  it('has a page of its own, with a heading and the way back', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(demo.served.url);
    await actAs(page, 'hana', 'Hana Kowalski');
    const cases = [
      ['/circulations/no-such', 'No such question', 'All the questions between meetings'],
      ['/dispatches/no-such', 'No such dispatch', 'The register of dispatches'],
      ['/instruments/no-such', 'No such instrument', 'The register of instruments'],
      ['/sessions/no-such', 'No such session', 'The organization and its sessions'],
      ['/sessions/no-such/minutes', 'No such session', 'The organization and its sessions'],
      ['/sessions/no-such/ballot', 'No such session', 'The organization and its sessions'],
    ] as const;
    for (const [path, title, back] of cases) {
      await page.goto(`${demo.served.url}${path}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await page.getByRole('alert').textContent(), path).toContain("'no-such'");
      expect(await page.getByRole('link', { name: back }).count(), path).toBe(1);
    }
    await checkPage(page, 'not-found-session');
    await page.getByRole('link', { name: 'The organization and its sessions' }).click();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    expect(watched.problems).toEqual([]);
  });

  it('calls a question a question, not by the record’s word for it', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(demo.served.url);
    await actAs(page, 'hana', 'Hana Kowalski');
    await page.goto(`${demo.served.url}/circulations/no-such`);
    await page.getByRole('heading', { level: 1, name: 'No such question' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe("No question 'no-such'");
    expect(watched.problems).toEqual([]);
  });
});
