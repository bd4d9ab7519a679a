/**
 * The instruments in a session's minutes are headed by their kind as a document names it
 * ("Payment order", never the charter's id "payment-order"), and the decision one rests on is
 * the motion by its number in the minutes, as their headings give it: on the web's minutes page
 * and in the Markdown the server renders alike.
 */
import { describe, expect, it } from 'vitest';
import type { MinutesDocument } from '../../src/core/minutes/document.js';
import type { SessionSummary } from '../../src/web/lib/types.js';
import { checkPage, demoInChromium, HAVE_CHROMIUM, LAPTOP, openPage } from './harness.js';
import type { WatchedPage } from './harness.js';

const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'minutes-instruments', pages });

async function api<T>(path: string): Promise<T> {
  return (await (await fetch(`${demo.served.url}${path}`)).json()) as T;
}

/** A session of the demo whose minutes list an instrument resting on one of its decisions. */
async function sessionWithInstrument(): Promise<{ session: string; doc: MinutesDocument }> {
  const sessions = await api<SessionSummary[] | { sessions: SessionSummary[] }>('/api/sessions');
  for (const s of Array.isArray(sessions) ? sessions : sessions.sessions) {
    const doc = await api<MinutesDocument>(`/api/sessions/${s.id}/minutes`);
    if (doc.instruments.some((i) => i.restsOn !== undefined && i.kind.includes('-')))
      return { session: s.id, doc };
  }
  throw new Error('no session of the demo has an instrument resting on its decision');
}

describe.skipIf(!HAVE_CHROMIUM)('instruments in the minutes', () => {
  it('are named by kind, resting on a motion by its number', { timeout: 60_000 }, async () => {
    const { session, doc } = await sessionWithInstrument();
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/sessions/${session}/minutes`);
    const markdown = await (
      await fetch(`${demo.served.url}/api/sessions/${session}/minutes.md`)
    ).text();
    for (const i of doc.instruments) {
      const article = page.locator(`[data-instrument="${i.id}"]`);
      const heading = (await article.locator('h3').textContent()) ?? '';
      expect(heading).toMatch(new RegExp(`^Instrument ${i.number}: [A-Z][a-z]+( [a-z]+)*$`));
      expect(heading).not.toContain(i.kind.includes('-') ? i.kind : '\u0000');
      expect(markdown).toContain(heading);
      if (i.restsOn === undefined) continue;
      const n = doc.items.find((item) => item.motion === i.restsOn)!.n;
      const rests = `the decision on motion ${n} (${i.restsOn})`;
      await article.getByText(rests, { exact: true }).waitFor();
      expect(markdown).toContain(rests);
    }
    await checkPage(page, 'minutes-instruments');
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
