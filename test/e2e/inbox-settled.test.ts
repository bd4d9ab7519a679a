/**
 * A member answers from the inbox on a phone, and the answer settles the question (a nay to a
 * question the board decides by unanimous consent): the question closes at once and leaves the
 * inbox. The member still sees what they did there: the receipt of their answer, and how the
 * question ended; not a card gone without a word.
 */
import { describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { actAs, checkPage, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'inbox-settled', pages });

describe.skipIf(!HAVE_CHROMIUM)('an answer that settles the question', () => {
  it('leaves its receipt and the outcome in the inbox', { timeout: 60_000 }, async () => {
    const secretary = await DemoClient.as(demo.served.url, 'hana');
    // The board decides in writing by unanimous consent (its charter's rule): one nay settles it.
    await secretary.act('circulation.open', {
      circulation: 'settled-hedge',
      body: 'board',
      mode: 'live',
      text: 'Shall the hedge by the car park be cut back?',
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/inbox`);
    await actAs(page, 'ben', 'Ben Lindqvist');
    const card = page.locator('article[data-circulation="settled-hedge"]');
    await card.getByRole('button', { name: 'Nay', exact: true }).click();

    // The question closes at once: the inbox asks nothing more, and the card says so.
    await page.getByText('No question is waiting for you.').waitFor();
    await card.locator('.receipt', { hasText: /Your answer \(nay\) is entry \d+/ }).waitFor();
    await card.getByText('No longer open: it asks nothing more of you.').waitFor();
    await card.locator('.final[data-final="rejected"]').waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    const state = (await (
      await fetch(`${demo.served.url}/api/circulations/settled-hedge`)
    ).json()) as { status: string };
    expect(state.status).toBe('closed');
    await checkPage(page, 'inbox-settled');
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(width).toBeLessThanOrEqual(390);
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
