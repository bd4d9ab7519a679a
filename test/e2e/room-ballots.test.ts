/**
 * A live vote with members in the room who hold no key (a real organization, not the demo): the
 * chair on the console records the ballot each of them gives by a show of hands, signed by the
 * chair for them, while members with a key are left to vote on their own device.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { LogPage } from '../../src/web/lib/types.js';
import { ApiMember } from './api-member.js';
import {
  checkPage,
  CHROMIUM,
  boardForMembers,
  LAPTOP,
  launchChromium,
  openPage,
  screenshot,
  serve,
} from './harness.js';
import type { Served, WatchedPage } from './harness.js';

const haveChromium = existsSync(CHROMIUM);
let served: Served | undefined;
let browser: Browser | undefined;
let data = '';
const pages: WatchedPage[] = [];
const secretary = { person: 'hana', ...generateKeyPair() };

beforeAll(async () => {
  if (!haveChromium) return;
  data = boardForMembers(secretary).data;
  [served, browser] = await Promise.all([serve(data), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await Promise.all(
    pages.map((p, i) => screenshot(p.page, `room-ballots-zz-last-${i}`).catch(() => undefined)),
  );
  await browser?.close();
  await served?.stop();
});

describe.skipIf(!haveChromium)('ballots given in the room', () => {
  it('are recorded on the console for members without a key', { timeout: 90_000 }, async () => {
    const url = served!.url;
    const hana = new ApiMember(url, secretary.person, secretary);
    await hana.login();
    // The chair enrols a key on her laptop; Ben, Chen and Dana hold none.
    const watched = await openPage(browser!, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    await page.goto(new URL((await hana.invite('ada')).url, url).href);
    await page.getByRole('button', { name: 'Make my key and enrol' }).click();
    await page.getByText(/Your enrolment is entry \d+/).waitFor();

    const session = 'board-room';
    await hana.act('session.open', { session, body: 'board', mode: 'live', title: 'In the room' });
    for (const person of ['ben', 'chen', 'dana'])
      await hana.act('attendance.arrive', { session, person });
    await page.goto(`${url}/sessions/${session}`);
    await page.getByRole('button', { name: 'Check in Ada Okafor' }).click();
    await page.getByText('Quorum is met.').waitFor();
    await hana.act('motion.propose', { session, motion: 'm1', text: 'Shall the hall be let?' });
    await hana.act('vote.open', { session, motion: 'm1' });

    // Those without a key are offered to the chair, the chair herself (who has one) is not.
    const room = page.getByRole('group', { name: /Present without a key of their own/ });
    await room.getByRole('group', { name: 'The ballot of Dana Morales' }).waitFor();
    expect(await room.getByRole('group').evaluateAll((gs) => gs.map((g) => g.ariaLabel))).toEqual([
      'The ballot of Ben Lindqvist',
      'The ballot of Chen Wei',
      'The ballot of Dana Morales',
    ]);
    await checkPage(page, 'room-ballots-01-console', false);
    await room.getByRole('button', { name: 'Aye for Ben Lindqvist' }).click();
    await room.getByRole('button', { name: 'Nay for Chen Wei' }).click();
    await room.getByRole('button', { name: 'Aye for Dana Morales' }).click();
    await page.getByText('Not voted yet: Ada Okafor').waitFor();
    await room.waitFor({ state: 'detached' });

    // Each is the member's ballot, signed by the chair who recorded it.
    const log = await hana.get<LogPage>(`/api/log?from=0&limit=100`);
    const ballots = log.entries
      .map((e) => e.entry!)
      .filter((e) => e.type === 'ballot.cast')
      .map((e) => ({ actor: e.actor, signer: e.signer, choice: e.payload['choice'] }));
    expect(ballots).toEqual([
      { actor: 'ben', signer: 'ada', choice: 'aye' },
      { actor: 'chen', signer: 'ada', choice: 'nay' },
      { actor: 'dana', signer: 'ada', choice: 'aye' },
    ]);

    // The chair closes the vote: the dialog names the motion by its words, not by its id.
    await page.getByRole('button', { name: 'Close the vote', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Close the vote on this motion?' });
    await confirm.getByText('Shall the hall be let?').waitFor();
    expect(await confirm.innerText()).not.toContain('m1');
    await confirm.getByText(/Closing now records: adopted: 2 ayes/).waitFor();
    await confirm.getByRole('button', { name: 'Record the decision' }).click();
    await page.locator('.decision[data-outcome="adopted"]').waitFor();
    // The decided tally reads as the open one did, aye first, though the record sorts its keys:
    // as a server started again reads them.
    await served!.stop({ keepData: true });
    served = await serve(data);
    // Her sign-in is kept by the record's store, and its cookie by the browser.
    await page.goto(`${served.url}/sessions/${session}`);
    await page.locator('.decision[data-outcome="adopted"]').waitFor();
    const decided = page.locator('article.motion.status-closed .tally .tally-row dt');
    expect(await decided.allInnerTexts()).toEqual(['Aye', 'Nay', 'Abstain']);
    expect(watched.problems).toEqual([]);
  });
});
