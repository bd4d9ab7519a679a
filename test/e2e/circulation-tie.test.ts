/**
 * A question in writing that ends in a tie, in Chromium against a real demo server: its page and
 * the record say that the tie fails, with the members named, where the record's words (which the
 * closing act carries) list them by id and say nothing of a tie. The board's chair has a casting
 * vote in session; no casting vote decides a question in writing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { demoInChromium, HAVE_CHROMIUM, LAPTOP, openPage } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'circulation-tie', pages });

const QUESTION = 'q-tie';
const RECORDED =
  'rejected: 1 aye (ada), 1 nay (ben); 2 of 2 asked answered; majority of votes cast required';
const READ =
  'rejected: 1 aye (Ada Okafor), 1 nay (Ben Lindqvist); 2 of 2 asked answered; a tie fails (a question in writing has no casting vote); majority of votes cast required';

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const url = demo.served.url;
  await (
    await DemoClient.as(url, 'hana')
  ).act('circulation.open', {
    circulation: QUESTION,
    body: 'board',
    mode: 'live',
    text: 'Shall the courtyard gate be locked at night?',
    to: ['ada', 'ben'],
    rule: { majority: 'votes-cast' },
    deadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  });
  for (const [member, choice] of [
    ['ada', 'aye'],
    ['ben', 'nay'],
  ] as const)
    await (
      await DemoClient.as(url, member)
    ).act('circulation.answer', { circulation: QUESTION, member, choice });
}, 60_000);

describe.skipIf(!HAVE_CHROMIUM)('a question in writing that ends in a tie', () => {
  it('reads as a tie that fails, members named, on its page and in the record', SLOW, async () => {
    // Every member asked has answered: the question closes by itself, on the record's words.
    let closedAt = 0;
    await expect
      .poll(async () => {
        const res = await fetch(`${demo.served.url}/api/circulations/${QUESTION}`);
        const c = (await res.json()) as { closedAt?: number; decision?: { explanation: string } };
        closedAt = c.closedAt ?? 0;
        return c.decision?.explanation;
      })
      .toBe(RECORDED);
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/circulations/${QUESTION}`);
    const explanation = page.locator('.final .explanation');
    await expect.poll(() => explanation.innerText()).toBe(READ);

    // The record's line for the closing act says it so too.
    await page.goto(`${demo.served.url}/record/${closedAt}`);
    await expect.poll(() => page.locator('p.lead').innerText()).toContain(`closes: ${READ}.`);
    expect(watched.problems).toEqual([]);
  });
});
