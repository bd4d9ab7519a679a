/**
 * The minutes as an HTML file, opened in Chromium: nothing wider than a phone's screen (long
 * keys, hashes and links wrap), the stylesheet allowed by the hash a CSP names, and printed
 * without banners, no motion split across pages.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { minutesHtml, minutesStyleSource } from '../../src/app/documents/index.js';
import type { Ledger } from '../../src/app/ledger.js';
import { minutesOf } from '../../src/app/minutes.js';
import { HELD, minutesRecord } from '../support/minutes-record.js';
import { launchChromium, PHONE } from './harness.js';

let browser: Browser;
let ledger: Ledger;
let html: string;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'collegium-minutes-html-'));
  ({ ledger } = await minutesRecord(join(folder, 'record.db')));
  const doc = await minutesOf(ledger.state, ledger.store, HELD);
  html = minutesHtml(doc, { proofBase: 'https://collegium.example.org/a/rather/long/path' });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await ledger?.store.close();
});

describe('the minutes as HTML in a browser', () => {
  it('fit a phone 390 px wide, styled under a CSP that allows only their stylesheet', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) refused.push(m.text());
    });
    // Served as the server serves it: the stylesheet allowed by its hash, nothing else inline.
    await page.route('https://minutes.test/', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: {
          'content-security-policy': `default-src 'none'; style-src ${minutesStyleSource()}`,
        },
        body: html,
      }),
    );
    await page.goto('https://minutes.test/');
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      widest: Math.max(
        ...Array.from(document.querySelectorAll('main *')).map(
          (e) => e.getBoundingClientRect().right,
        ),
      ),
    }));
    expect(widths.client).toBe(390);
    expect(widths.scroll).toBeLessThanOrEqual(390);
    expect(widths.widest).toBeLessThanOrEqual(390);
    // The stylesheet applied: the header's fields are laid out by it.
    const display = await page.evaluate(
      () => getComputedStyle(document.querySelector('dl.fields > div')!).display,
    );
    expect(display).toBe('flex');
    expect(refused).toEqual([]);
    await context.close();
  });

  it('print each motion whole, without navigation or banners', async () => {
    const page = await browser.newPage();
    await page.setContent(
      html.replace('<main', '<nav>Home · Sessions</nav><div class="banner">Demo</div><main'),
    );
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector('nav')!).display,
      banner: getComputedStyle(document.querySelector('.banner')!).display,
      item: getComputedStyle(document.querySelector('section.item')!).breakInside,
    }));
    expect(printed).toEqual({ nav: 'none', banner: 'none', item: 'avoid' });
    await page.close();
  });
});
