/**
 * A member answers a question from the inbox by keyboard alone: Tab to the answer, Enter. The
 * answer buttons go once it is recorded; focus comes to the receipt, not to the top of the page,
 * and the next Tab reaches the receipt's link to its proof.
 */
import { describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { actAs, checkPage, demoInChromium, HAVE_CHROMIUM, LAPTOP, openPage } from './harness.js';
import type { WatchedPage } from './harness.js';

const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'keyboard', pages });

describe.skipIf(!HAVE_CHROMIUM)('the keyboard alone', () => {
  it('answers from the inbox and goes on from the receipt', { timeout: 60_000 }, async () => {
    const secretary = await DemoClient.as(demo.served.url, 'hana');
    await secretary.act('circulation.open', {
      circulation: 'keyboard-gate',
      body: 'board',
      mode: 'live',
      // By votes cast: one answer does not settle it, and the question stays in the inbox.
      rule: { majority: 'votes-cast' },
      text: 'Shall the garden gate be painted green?',
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/inbox`);
    await actAs(page, 'ben', 'Ben Lindqvist');
    await page.getByRole('heading', { name: /garden gate/ }).waitFor();

    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return {
          text: active?.textContent?.trim() ?? '',
          receipt: !!active?.closest('.receipt'),
          body: active === document.body,
        };
      });
    let tabs = 0;
    while ((await focused()).text !== 'Nay') {
      expect(++tabs, 'Tab reaches the answer Nay').toBeLessThan(60);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.locator('.receipt', { hasText: /is entry \d+ of the record/ }).waitFor();
    await expect.poll(focused).toMatchObject({ receipt: true, body: false });
    await checkPage(page, 'keyboard-answered');
    await page.keyboard.press('Tab');
    expect((await focused()).text).toMatch(/^See entry \d+ and its proof$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Entry \d+$/ }).waitFor();
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
