/**
 * Addresses a browser may be given: one the server cannot read as an address, and entries of the
 * record named otherwise than by a whole number, or past the log's end. Each is a page of the
 * app that says so in words, never the API's JSON, NaN or a query parameter's name.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoInChromium, HAVE_CHROMIUM, LAPTOP, openPage } from './harness.js';
import type { WatchedPage } from './harness.js';

const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'addresses', pages });

/** The API paths the page asks for while `work` runs. */
async function asked(page: Page, work: () => Promise<void>): Promise<string[]> {
  const paths: string[] = [];
  const seen = (request: { url: () => string }) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) paths.push(`${url.pathname}${url.search}`);
  };
  page.on('request', seen);
  try {
    await work();
  } finally {
    page.off('request', seen);
  }
  return paths;
}

describe.skipIf(!HAVE_CHROMIUM)('addresses', () => {
  it('one the server refuses as an address is the app’s page, with the status', async () => {
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    for (const path of ['/sessions/%E0%A4%A/ballot', `/sessions/${'x'.repeat(5000)}`]) {
      const answer = await page.goto(`${demo.served.url}${path}`);
      expect(answer?.status(), path.slice(0, 30)).toBe(400);
      await page.getByRole('heading', { name: 'Not a valid address' }).waitFor();
      const text = await page.locator('main').innerText();
      expect(text).not.toContain('"error"');
      expect(text.length).toBeLessThan(400);
    }
    expect(watched.problems).toEqual([]);
  });

  it('an entry is a whole number written as such, never NaN', async () => {
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    for (const given of ['abc', '-1', '1e3', '00005']) {
      const api = await asked(page, async () => {
        await page.goto(`${demo.served.url}/record/${given}`);
        await page.getByRole('heading', { name: `No entry ‘${given}’` }).waitFor();
      });
      const text = await page.locator('main').innerText();
      expect(text, given).not.toMatch(/NaN|querystring|invalid-input|Entry -?\d/);
      expect(api.filter((p) => p.startsWith('/api/log?') || p.startsWith('/api/proofs/'))).toEqual(
        [],
      );
    }
    expect(watched.problems).toEqual([]);
  });

  it('links to no entry past the log’s end', async () => {
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    const { size } = (await (await fetch(`${demo.served.url}/api/log?limit=1`)).json()) as {
      size: number;
    };
    await page.goto(`${demo.served.url}/record/999999`);
    await page.getByText(`There is no entry 999999: the record has ${size} entries`).waitFor();
    expect(await page.getByRole('link', { name: /^Entry \d+$/ }).count()).toBe(0);

    // A page of the record that starts past its end says so, with the way to its newest.
    await page.goto(`${demo.served.url}/record?from=999999`);
    await page.getByText(`There is no entry 999999: the record has ${size} entries.`).waitFor();
    await page.getByRole('link', { name: 'See its newest entries' }).click();
    await page.locator('table.entries caption', { hasText: `of ${size}` }).waitFor();

    await page.goto(`${demo.served.url}/record/${size - 1}`);
    await page.getByRole('heading', { name: 'Inclusion proof' }).waitFor();
    await page.getByRole('link', { name: `Entry ${size - 2}` }).waitFor();
    expect(await page.getByRole('link', { name: `Entry ${size}` }).count()).toBe(0);
    expect(watched.problems).toEqual([]);
  });
});
