/**
 * A member's own answer to a written question, on the question's page: "Your answer", how it
 * came, and a late one beside its deadline, to the second where to the minute it would read as
 * the deadline itself (core's timeBeside, in the reader's zone), and flagged by the member's name.
 */
import { describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { actAs, checkPage, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'own-answer', pages });

/** A moment in words as the page says it in the browser's (and this process's) zone, to the second. */
function localWords(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = date.toLocaleString('en-GB', { month: 'long' });
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${date.getDate()} ${month} ${date.getFullYear()}, ${clock}`;
}

describe.skipIf(!HAVE_CHROMIUM)('a member’s own answer', () => {
  it('given late is said after the deadline, to the second beside it', SLOW, async () => {
    // Minutes of a question put in writing two days ago, whose deadline fell on the minute; the
    // member signed their answer seven seconds past it.
    const deadline = new Date(Date.now() - 2 * 86_400_000);
    deadline.setSeconds(0, 0);
    const at = new Date(deadline.getTime() + 7_000);
    const secretary = await DemoClient.as(demo.served.url, 'hana');
    await secretary.act('circulation.open', {
      circulation: 'late-hedge',
      body: 'board',
      mode: 'minutes',
      text: 'Shall a hedge be planted along the car park?',
      deadline: deadline.toISOString(),
    });
    const member = await DemoClient.as(demo.served.url, 'chen');
    const answer = await member.act('circulation.answer', {
      circulation: 'late-hedge',
      member: 'chen',
      choice: 'aye',
      comment: 'Yes, a low one.',
      at: at.toISOString(),
    });

    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/circulations/late-hedge`);
    await actAs(page, 'chen', 'Chen Wei');
    const yours = page.locator('.your-answer');
    await yours.waitFor();
    expect((await yours.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      `Your answer: Aye (“Yes, a low one.”); signed by the member; after the deadline: not counted; ${localWords(at)}. Entry ${answer.entry}`,
    );
    // The flag the record keeps by id ("chen answered …") names the member on the page.
    expect(await page.locator('ul.flags li').allTextContents()).toEqual([
      'Chen Wei answered after the deadline: answer not counted',
    ]);
    await checkPage(page, '82-own-answer-late');
    expect(watched.problems).toEqual([]);
  });
});
