/**
 * The record explorer and an entry's page name what an entry acts on in words, as every other
 * page does (the server's `named`, GET /api/log): an answer by the question it answers, a proxy
 * taken back by who gave it to whom. The ids stay on the entry's page only, beside the words,
 * where someone may copy one to act on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { demoInChromium, HAVE_CHROMIUM, LAPTOP, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'record-words', pages });

const QUESTION = 'q-3f2a';
const GRANT = 'g-7c1e';
const entries: Record<string, number> = {};

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const url = demo.served.url;
  await (
    await DemoClient.as(url, 'hana')
  ).act('circulation.open', {
    circulation: QUESTION,
    body: 'board',
    mode: 'live',
    text: 'Shall the bins be emptied twice a week?',
    deadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  });
  const ada = await DemoClient.as(url, 'ada');
  entries.answer = (
    await ada.act('circulation.answer', { circulation: QUESTION, member: 'ada', choice: 'aye' })
  ).entry;
  const ben = await DemoClient.as(url, 'ben');
  await ben.act('proxy.grant', {
    grant: GRANT,
    body: 'board',
    holder: 'dana',
    until: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  entries.revoke = (await ben.act('proxy.revoke', { grant: GRANT })).entry;
}, 60_000);

/** The line of the explorer's row for `entry`. */
const lineOf = async (watched: WatchedPage, entry: number): Promise<string> => {
  const row = watched.page.locator('table.entries tr', {
    has: watched.page.getByRole('link', { name: String(entry), exact: true }),
  });
  return row.locator('td').last().innerText();
};

describe.skipIf(!HAVE_CHROMIUM)('the record in words', () => {
  it('names the question answered and the proxy taken back, not their ids', SLOW, async () => {
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/record`);
    await page.getByRole('region', { name: 'The entries' }).waitFor();
    const answer = await lineOf(watched, entries.answer!);
    expect(answer).toMatch(
      /^Ada Okafor answers aye on the question "Shall the bins be emptied twice a week\?" put to Board of Directors \(\d+ \w+ \d{4}\)\.$/,
    );
    expect(await lineOf(watched, entries.revoke!)).toBe(
      'Ben Lindqvist takes back the proxy of Ben Lindqvist to Dana Morales.',
    );
    expect(await page.locator('table.entries').innerText()).not.toMatch(/q-3f2a|g-7c1e/);

    // The entry's page says the same, and gives the id beside the words, to copy.
    await page.goto(`${demo.served.url}/record/${entries.answer}`);
    await expect.poll(() => page.locator('p.lead').innerText()).toBe(answer);
    const question = page.locator('dl.fields dt:text-is("Question") + dd');
    expect(await question.innerText()).toMatch(/^the question "Shall the bins.* q-3f2a$/);
    expect(await question.locator('code').innerText()).toBe(QUESTION);
    expect(watched.problems).toEqual([]);
  });

  it('on a phone, shows each entry’s words on the screen, not past its edge', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/record`);
    const region = page.getByRole('region', { name: 'The entries' });
    await region.waitFor();
    const width = page.viewportSize()!.width;
    const words = page
      .locator('table.entries tr', {
        has: page.getByRole('link', { name: String(entries.answer), exact: true }),
      })
      .locator('td')
      .last();
    const box = (await words.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(await words.innerText()).toMatch(/^Ada Okafor answers aye/);
    // Nothing left to scroll sideways to: the table fits its frame.
    expect(await region.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
    expect(watched.problems).toEqual([]);
  });
});
