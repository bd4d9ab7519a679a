/**
 * A signer of a kind signed in the order listed (the board's payment order: the chair, then the
 * officer) who opens the draft before their turn is told whom they wait for, and is offered the
 * Sign button, on the same page, as soon as that one has signed.
 */
import { describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { actAs, checkPage, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'signing-order', pages });

describe.skipIf(!HAVE_CHROMIUM)('signing in the order listed', () => {
  it('tells the second signer whom they wait for, then lets them sign', SLOW, async () => {
    const secretary = await DemoClient.as(demo.served.url, 'hana');
    const { decisions } = await secretary.get<{ decisions: { ref: unknown }[] }>(
      '/api/decisions?body=board&outcome=adopted',
    );
    const year = new Date().toISOString().slice(0, 4);
    await secretary.act('instrument.draft', {
      instrument: 'glazier',
      body: 'board',
      kind: 'payment-order',
      mode: 'live',
      number: `${year}/77`,
      text: 'Pay the glazier 120 for the lobby door.',
      restsOn: decisions[0]!.ref,
    });

    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/instruments/glazier`);
    await actAs(page, 'chen', 'Chen Wei');
    // Named once the organization has loaded (its people's ids until then).
    const words =
      'You sign it after Dana Morales, in the order the charter lists: it comes to you once they have signed.';
    const waiting = page.locator('[data-signing-after]', { hasText: words });
    await waiting.waitFor();
    expect(await waiting.textContent()).toBe(words);
    expect(await page.getByRole('button', { name: 'Sign', exact: true }).count()).toBe(0);
    await checkPage(page, 'signing-order-waiting');

    // The chair signs elsewhere; the page offers the officer the Sign button.
    const chair = await DemoClient.as(demo.served.url, 'dana');
    const view = await chair.get<{ content: string; nextAfter: string | null }>(
      '/api/instruments/glazier',
    );
    await chair.act('instrument.sign', {
      instrument: 'glazier',
      content: view.content,
      after: view.nextAfter,
    });
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.locator('[data-signer="chen"]').waitFor();
    expect(await waiting.count()).toBe(0);
    expect(watched.problems).toEqual([]);
  });
});
