/**
 * A word longer than a phone's line (a link in a letter, an id, a register's number) breaks
 * within the page instead of widening it: the registers of questions, dispatches and instruments,
 * their pages, the signing queue and the record's entries, on a 390 px screen.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { actAs, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'long-words', pages });

const LINK = `https://example.org/${'x'.repeat(150)}`;
const ID = 'a'.repeat(90);
/** A dispatch's id, long too: a circulation and a dispatch do not share one. */
const DISPATCH = 'd'.repeat(90);
const entries: number[] = [];

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const secretary = await DemoClient.as(demo.served.url, 'hana');
  const { decisions } = await secretary.get<{ decisions: { ref: unknown }[] }>(
    '/api/decisions?body=board&outcome=adopted',
  );
  const deadline = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const today = new Date().toISOString().slice(0, 10);
  const acts: [string, Record<string, unknown>][] = [
    [
      'circulation.open',
      { circulation: ID, body: 'board', mode: 'live', text: `Read ${LINK}?`, deadline },
    ],
    [
      'dispatch.register',
      {
        dispatch: DISPATCH,
        body: 'board',
        number: `${today.slice(0, 4)}/${'9'.repeat(60)}`,
        received: today,
        from: LINK,
        channel: 'email',
        text: `See ${LINK}`,
      },
    ],
    [
      'instrument.draft',
      {
        instrument: ID,
        body: 'board',
        kind: 'mandate',
        mode: 'live',
        number: `${today.slice(0, 4)}/${'8'.repeat(60)}`,
        text: `Mandate: ${LINK}`,
        to: LINK,
        holder: 'ivo',
        scope: LINK,
        restsOn: decisions[0]!.ref,
      },
    ],
  ];
  for (const [type, payload] of acts) entries.push((await secretary.act(type, payload)).entry);
}, 60_000);

describe.skipIf(!HAVE_CHROMIUM)('long words on a phone', () => {
  it('break within the page on every register and page that shows them', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(demo.served.url);
    await actAs(page, 'hana', 'Hana Kowalski');
    const paths = [
      '/circulations',
      `/circulations/${ID}`,
      '/dispatches',
      `/dispatches/${DISPATCH}`,
      '/instruments',
      `/instruments/${ID}`,
      '/queue',
      ...entries.map((e) => `/record/${e}`),
    ];
    for (const path of paths) {
      await page.goto(`${demo.served.url}${path}`);
      await page
        .getByText(/example\.org/)
        .first()
        .waitFor();
      const { width, screen } = (await page.evaluate(
        '({ width: document.documentElement.scrollWidth, screen: window.innerWidth })',
      )) as { width: number; screen: number };
      expect(width, `${path} is ${width} px wide on a ${screen} px screen`).toBeLessThanOrEqual(
        390,
      );
    }
    expect(watched.problems).toEqual([]);
  });
});
