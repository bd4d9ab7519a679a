/**
 * The console's list of who has not voted, while ballots come in: a ballot's live event brings
 * the count at once and the names a moment later, with the session read again. Until then the
 * list must not name as not voted someone the count has just counted.
 */
import { describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { actAs, demoInChromium, HAVE_CHROMIUM, LAPTOP, openPage } from './harness.js';
import type { WatchedPage } from './harness.js';

const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'not-voted', pages });

describe.skipIf(!HAVE_CHROMIUM)('who has not voted yet', () => {
  it('never names someone the count has just counted', { timeout: 60_000 }, async () => {
    const url = demo.served.url;
    const session = 'board-count';
    const hana = await DemoClient.as(url, 'hana');
    await hana.act('session.open', { session, body: 'board', mode: 'live', title: 'Counting' });
    const voters = ['ada', 'ben', 'chen', 'eli'];
    for (const person of voters) await hana.act('attendance.arrive', { session, person });
    await hana.act('motion.propose', { session, motion: 'm1', text: 'Shall the hall be let?' });
    await hana.act('vote.open', { session, motion: 'm1' });

    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${url}/sessions/${session}`);
    await actAs(page, 'hana', 'Hana Kowalski');
    const list = page.locator('.not-voted');
    await list.filter({ hasText: 'Ben Lindqvist' }).waitFor();

    await (
      await DemoClient.as(url, 'ben')
    ).act('ballot.cast', {
      session,
      motion: 'm1',
      voter: 'ben',
      choice: 'aye',
    });
    // The moment the count says so, and every moment after, Ben is not among those waited for.
    await page.getByText('1 ballot cast').waitFor();
    expect(await list.innerText()).not.toContain('Ben Lindqvist');
    await list.filter({ hasText: /^Not voted yet: Ada Okafor, Chen Wei, Eli Novak$/ }).waitFor();
    expect(watched.problems).toEqual([]);
  });
});
