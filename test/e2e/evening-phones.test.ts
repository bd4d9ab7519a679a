/**
 * A board meeting and a question in writing, from members' phones (375 × 740): what a member sees
 * after acting or after another acted. The focus stays where the member was after an act; the
 * projector counts only those who may vote; a member whose proxy holder voted is told so; an
 * answer refused because the question closed as it was sent is said to be refused.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { DemoClient } from './demo-client.js';
import { actAs, demoInChromium, HAVE_CHROMIUM, openPage } from './harness.js';
import type { WatchedPage } from './harness.js';

const SMALL_PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 740 },
  isMobile: true,
  hasTouch: true,
};
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'evening-phones', pages });

async function phone(person: string, name: string, path: string): Promise<Page> {
  const page = await screen(path);
  await actAs(page, person, name);
  return page;
}

/** A page no one signed in to (the projector has no picker). */
async function screen(path: string): Promise<Page> {
  const watched = await openPage(demo.browser, SMALL_PHONE);
  pages.push(watched);
  await watched.page.goto(`${demo.served.url}${path}`);
  return watched.page;
}

/** What has the focus, in words ("BODY" when the page lost it). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName} ${a.getAttribute('aria-label') ?? a.textContent ?? ''}` : 'none';
  });
}

/** A session of the board opened by the secretary, with a motion put (not yet voted on). */
async function sessionWithMotion(session: string, present: readonly string[]) {
  const hana = await DemoClient.as(demo.served.url, 'hana');
  await hana.act('session.open', { session, body: 'board', mode: 'live', title: 'Evening' });
  await hana.act('motion.propose', { session, motion: 'm1', text: 'Shall the fence be painted?' });
  for (const person of present) await hana.act('attendance.arrive', { session, person });
  return hana;
}

async function vote(session: string, voter: string, choice: string, castBy?: string) {
  const client = await DemoClient.as(demo.served.url, castBy ?? voter);
  await client.act('ballot.cast', {
    session,
    motion: 'm1',
    voter,
    choice,
    ...(castBy ? { castBy } : {}),
  });
}

describe.skipIf(!HAVE_CHROMIUM)('an evening of the board, from phones', () => {
  it('keeps the focus on the control a member used once the act is recorded', async () => {
    await sessionWithMotion('focus-evening', []);
    const secretary = await phone('hana', 'Hana Kowalski', '/sessions/focus-evening');
    await secretary.getByRole('button', { name: 'Check in Ada Okafor' }).click();
    await secretary.getByRole('button', { name: 'Check out Ada Okafor' }).waitFor();
    // The button was disabled while the act ran: the focus comes back to it.
    await expect.poll(() => focused(secretary)).toBe('BUTTON Check out Ada Okafor');

    // On the ballot page, the button goes once checked in: the focus stays in its part of the
    // page, never thrown back to the top.
    const member = await phone('ben', 'Ben Lindqvist', '/sessions/focus-evening/ballot');
    await member.getByRole('button', { name: 'Check in' }).click();
    await member.getByText('You are checked in.').waitFor();
    await expect.poll(() => focused(member)).toBe('SECTION Attendance');
  });

  it('counts on the projector only those who may vote, a candidate present apart', async () => {
    const session = 'projector-evening';
    const voters = ['ada', 'ben', 'chen', 'dana'];
    const hana = await sessionWithMotion(session, [...voters, 'jun']);
    await hana.act('vote.open', { session, motion: 'm1' });
    const projector = await screen(`/sessions/${session}/projector`);
    for (const voter of voters) await vote(session, voter, 'aye');
    // Jun Park, a candidate, is present with a voice and no vote: four may vote, and have.
    await projector.locator('.projector-voted', { hasText: '4 of 4 present have voted' }).waitFor();
  });

  it('tells a member that the holder of their proxy cast their ballot', async () => {
    const session = 'proxy-evening';
    const hana = await sessionWithMotion(session, ['ada', 'ben', 'chen', 'dana']);
    const ivo = await DemoClient.as(demo.served.url, 'ivo');
    await ivo.act('proxy.grant', { grant: 'ivo-to-ada', body: 'board', holder: 'ada', session });
    await hana.act('vote.open', { session, motion: 'm1' });
    const grantor = await phone('ivo', 'Ivo Petrov', `/sessions/${session}/ballot`);
    await grantor.getByText('You were not present when this vote opened').waitFor();
    await vote(session, 'ivo', 'nay', 'ada');
    const card = grantor.locator('article.ballot');
    await card.getByText('Your ballot was cast by the holder of your proxy.').waitFor();
    expect(await card.textContent()).not.toContain('You have voted on this motion.');
  });

  it('says an answer was refused when the question closed as it was sent', async () => {
    const hana = await DemoClient.as(demo.served.url, 'hana');
    await hana.act('circulation.open', {
      circulation: 'late-answer',
      body: 'board',
      mode: 'live',
      text: 'Shall the bicycle shed be painted green?',
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const member = await phone('eli', 'Eli Novak', '/inbox');
    const card = member.locator('article[data-circulation="late-answer"]');
    await card.getByRole('button', { name: 'Aye', exact: true }).waitFor();
    // Chen Wei's nay settles the question (unanimous consent) while Eli Novak's aye is on its way.
    await member.route('**/api/acts', async (route) => {
      const chen = await DemoClient.as(demo.served.url, 'chen');
      await chen.act('circulation.answer', {
        circulation: 'late-answer',
        member: 'chen',
        choice: 'nay',
      });
      await route.continue();
    });
    await card.getByRole('button', { name: 'Aye', exact: true }).click();
    await member.getByText('No question is waiting for you.').waitFor();
    await card.getByText('Your answer (aye) was not recorded.').waitFor();
    await card
      .getByRole('alert')
      .getByText(/is closed/)
      .waitFor();
    await card.locator('.final[data-final="rejected"]').waitFor();
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });

  it("downloads an issued instrument's bundle from its page, which the verify page accepts", async () => {
    const member = await phone('ada', 'Ada Okafor', '/instruments/barn-roof-deposit');
    const downloading = member.waitForEvent('download');
    await member.getByRole('link', { name: 'Download its bundle' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('barn-roof-deposit.bundle.json');
    const file = await download.path();
    await member.goto(`${demo.served.url}/verify`);
    await member.getByLabel('Bundle file (drop it here or choose it)').setInputFiles(file);
    await member.locator('[data-accepted="true"]').waitFor({ timeout: 30_000 });
  });

  it("takes the focus on to what replaces a control: a dispute's reason, Add an item", async () => {
    const hana = await DemoClient.as(demo.served.url, 'hana');
    await hana.act('circulation.open', {
      circulation: 'phoned-answer',
      body: 'board',
      mode: 'live',
      text: 'Shall the courtyard lights stay on until midnight?',
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const secretary = await phone('hana', 'Hana Kowalski', '/circulations/phoned-answer');
    const record = secretary.locator('form', { hasText: 'Record an answer for a member' });
    await record.getByLabel('Member').selectOption({ label: 'Ben Lindqvist' });
    await record.getByLabel('Answer').selectOption({ label: 'Nay' });
    await record.getByRole('button', { name: 'Record the answer' }).click();
    await secretary.locator('.receipt', { hasText: /is entry \d+ of the record/ }).waitFor();

    const member = await phone('ben', 'Ben Lindqvist', '/inbox');
    await member.getByRole('button', { name: 'Dispute' }).click();
    const reason = member.getByLabel('Why is it not your answer? (optional)');
    const id = await reason.getAttribute('id');
    await expect.poll(() => member.evaluate(() => document.activeElement?.id)).toBe(id);

    // Convening a session: an item removed, the focus goes on to Add an item.
    await secretary.goto(`${demo.served.url}/sessions/new?body=board`);
    await secretary.getByRole('button', { name: 'Add an item' }).click();
    await secretary.getByRole('button', { name: 'Remove item 2' }).click();
    await expect.poll(() => focused(secretary)).toBe('BUTTON Add an item');
  });

  it('keeps the focus on Verify in this browser once an entry is verified', async () => {
    const member = await phone('ada', 'Ada Okafor', '/record/3');
    const verify = member.getByRole('button', { name: 'Verify in this browser' });
    await verify.click();
    await member.locator('[data-verified="true"]').waitFor();
    await expect.poll(() => focused(member)).toBe('BUTTON Verify in this browser');
  });

  it('keeps the console within the phone with its amendment form open', async () => {
    const hana = await DemoClient.as(demo.served.url, 'hana');
    await hana.act('session.open', { session: 'wide', body: 'board', mode: 'live', title: 'W' });
    const secretary = await phone('hana', 'Hana Kowalski', '/sessions/wide');
    await secretary.getByText('Put an amendment of the charter', { exact: true }).click();
    await secretary.getByLabel('The amended charter (a YAML file)').waitFor();
    const width = (await secretary.evaluate('document.documentElement.scrollWidth')) as number;
    expect(width).toBeLessThanOrEqual(375);
  });
});
