/**
 * A decision's explanation, as the record words it, lists the members who answered or gave the
 * casting vote by id ("7 ayes (ada, ben and chen)", "no answer from gus", "casting vote (ada,
 * aye)"). The pages that show it name them instead: a question's outcome, the register of
 * decisions, and the record's line for the close.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CirculationSummary, CirculationView, Organization } from '../../src/web/lib/types.js';
import { checkPage, demoInChromium, HAVE_CHROMIUM, LAPTOP, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 60_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'decision-names', pages });
let org: Organization;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  org = (await (await fetch(`${demo.served.url}/api/organization`)).json()) as Organization;
});

async function api<T>(path: string): Promise<T> {
  return (await (await fetch(`${demo.served.url}${path}`)).json()) as T;
}

/** The people an explanation lists by id: in parentheses, and after "no answer from". */
function listedIds(explanation: string): string[] {
  const lists = [
    ...[...explanation.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!),
    ...[...explanation.matchAll(/no answer from ([^;]*)/g)].map((m) => m[1]!),
  ];
  const ids = new Set(org.people.map((p) => p.id));
  return lists.flatMap((list) => list.split(/, | and /)).filter((part) => ids.has(part));
}

const nameOf = (id: string) => org.people.find((p) => p.id === id)!.name;

/** The page's text at `selector` names every one of `ids` and lists none of them by id. */
async function expectNamed(page: Page, selector: string, ids: readonly string[]): Promise<void> {
  // The names come with the organization, which may arrive after the entry it names people in.
  if (ids.length > 0)
    await page
      .locator(selector, { hasText: nameOf(ids[0]!) })
      .first()
      .waitFor({ timeout: 5_000 });
  const text = (await page.locator(selector).first().textContent()) ?? '';
  for (const id of ids) {
    expect(text, `${selector} names ${id}`).toContain(nameOf(id));
    expect(text, `${selector} lists ${id} by id`).not.toMatch(
      new RegExp(`[(,] ?${id}\\b|\\b${id}[,)]| and ${id}\\b|from ${id}\\b`),
    );
  }
}

describe.skipIf(!HAVE_CHROMIUM)('decisions name the members they list', () => {
  it('on a question’s outcome and on the record’s line for its close', SLOW, async () => {
    const all = await api<CirculationSummary[]>('/api/circulations');
    const closed = all.filter((c) => c.decision && listedIds(c.decision.explanation).length > 0);
    expect(closed.length, 'closed questions whose outcome lists members').toBeGreaterThan(0);
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    // One that lists members who did not answer, where the demo has one, and the first.
    const missing = closed.find((c) => /no answer from/.test(c.decision!.explanation));
    for (const c of new Set([closed[0]!, ...(missing ? [missing] : [])])) {
      const ids = listedIds(c.decision!.explanation);
      await page.goto(`${demo.served.url}/circulations/${c.id}`);
      await page.locator('.final .explanation').waitFor();
      await expectNamed(page, '.final .explanation', ids);
      await checkPage(page, `decision-names-circulation-${c.id}`);
      // The record's line for the close (the question's entry) names them too.
      const { closedAt } = await api<CirculationView>(`/api/circulations/${c.id}`);
      await page.goto(`${demo.served.url}/record/${closedAt}`);
      await page.locator('p.lead', { hasText: 'closes: ' }).waitFor();
      await expectNamed(page, 'p.lead', ids);
    }
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });

  it('in the register of decisions, the chair who gave a casting vote', SLOW, async () => {
    const { decisions } = await api<{
      decisions: { ref: { motion?: string; circulation?: string }; explanation: string }[];
    }>('/api/decisions');
    const casting = decisions.find((d) => /casting vote \(/.test(d.explanation));
    expect(casting, 'the demo has a decision with a casting vote').toBeDefined();
    const ids = listedIds(casting!.explanation);
    expect(ids.length).toBeGreaterThan(0);
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    await watched.page.goto(`${demo.served.url}/decisions`);
    const card = `[data-decision="${casting!.ref.motion ?? casting!.ref.circulation}"]`;
    await watched.page.locator(card).first().waitFor();
    await expectNamed(watched.page, card, ids);
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
