/**
 * The browser keeps the latest checkpoint it verified and checks, on every visit, that the record
 * the server shows extends it (src/web/lib/history.ts): an honest extension passes quietly; a
 * history that does not extend what it saw brings up the alert, naming the sizes, and what the
 * browser kept is not overwritten.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DemoClient } from './demo-client.js';
import { LAPTOP, openPage, screenshot, demoInChromium, HAVE_CHROMIUM } from './harness.js';

const demo = demoInChromium();

interface Seen {
  size: number;
  root: string;
}

/** What the page's browser keeps of the record, once it has checked it. */
async function seen(page: Page, logKey: string): Promise<Seen> {
  const key = `collegium.checkpoint.${logKey}`;
  const item = `localStorage.getItem(${JSON.stringify(key)})`;
  // Polled through the debugging protocol: the page's CSP forbids waitForFunction's eval.
  await expect.poll(() => page.evaluate<string | null>(item)).not.toBeNull();
  return JSON.parse((await page.evaluate<string | null>(item)) ?? '') as Seen;
}

async function keep(page: Page, logKey: string, value: Seen): Promise<void> {
  const [k, v] = [`collegium.checkpoint.${logKey}`, JSON.stringify(value)].map((t) =>
    JSON.stringify(t),
  );
  await page.evaluate(`localStorage.setItem(${k}, ${v})`);
}

const alert = (page: Page) => page.locator('.history-alert');

describe.skipIf(!HAVE_CHROMIUM)('the browser’s check of the record’s history', () => {
  it(
    'keeps what it saw, follows an extension, and alerts on a history that does not extend it',
    {
      timeout: 90_000,
    },
    async () => {
      const url = demo.served.url;
      const { logKey } = (await (await fetch(`${url}/api/log-key`)).json()) as { logKey: string };
      const { page, problems } = await openPage(demo.browser, LAPTOP);
      await page.goto(`${url}/record`);
      const first = await seen(page, logKey);
      expect(first.size).toBeGreaterThan(0);
      expect(await alert(page).count()).toBe(0);

      // The record grows: the next visit verifies the consistency proof and keeps the new size.
      await (
        await DemoClient.as(url, 'hana')
      ).act('session.open', {
        session: 'history',
        body: 'board',
        mode: 'live',
        title: 'History',
      });
      await page.reload();
      await expect.poll(async () => (await seen(page, logKey)).size).toBe(first.size + 1);
      const grown = await seen(page, logKey);
      expect(grown.size).toBe(first.size + 1);
      expect(await alert(page).count()).toBe(0);

      // What the browser saw at that size had another root: the server's history is not that one.
      const forged = { size: first.size, root: Buffer.alloc(32, 7).toString('base64') };
      await keep(page, logKey, forged);
      await page.reload();
      await alert(page).waitFor();
      await expect
        .poll(() => alert(page).innerText())
        .toMatch(
          new RegExp(
            `This browser saw a record of ${first.size} entries before; the server now shows ${grown.size}, in a history that does not extend`,
          ),
        );
      expect(await alert(page).innerText()).toMatch(/consistency proof fails/);
      await screenshot(page, '60-history-rewritten');
      expect(await seen(page, logKey)).toEqual(forged);

      // Nor may the server show fewer entries than the browser saw.
      const larger = { size: grown.size + 5, root: grown.root };
      await keep(page, logKey, larger);
      await page.reload();
      await alert(page).waitFor();
      expect(await alert(page).innerText()).toMatch(
        new RegExp(
          `saw a record of ${larger.size} entries before; the server now shows ${grown.size}`,
        ),
      );
      expect(await alert(page).innerText()).toMatch(/fewer entries/);
      expect(await seen(page, logKey)).toEqual(larger);
      expect(problems).toEqual([]);
    },
  );
});
