/**
 * The session console with the whole charter, in Chromium against a real demo server (the
 * cooperative board: bylaws by two thirds, the chair's casting vote, a quorum of 4 of 7; its
 * finance committee, which has no casting vote). One session of the board, motion after motion:
 * a vote opened without quorum after a warning; a bylaws motion that two thirds decide, with the
 * list of who has not voted shrinking and a late arrival told why she cannot vote; a tie broken by
 * the chair's casting vote; a motion with three alternatives; the session closed after a
 * confirmation. Then a tie in the committee, where no casting vote is offered.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { Organization, Session } from '../../src/web/lib/types.js';
import {
  actAs,
  checkPage,
  CHROMIUM,
  LAPTOP,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  serveDemo,
} from './harness.js';
import type { Served, WatchedPage } from './harness.js';

const haveChromium = existsSync(CHROMIUM);
/** Each step drives several browsers on a small machine. */
const SLOW = { timeout: 90_000 };
let served: Served | undefined;
let browser: Browser | undefined;
let org: Organization;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  [served, browser] = await Promise.all([serveDemo(), launchChromium()]);
  org = (await (await fetch(`${served.url}/api/organization`)).json()) as Organization;
}, 60_000);

afterAll(async () => {
  await Promise.all(
    pages.map((p, i) => screenshot(p.page, `console-zz-last-${i}`).catch(() => undefined)),
  );
  await browser?.close();
  await served?.stop();
});

const nameOf = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;

async function open(options: BrowserContextOptions): Promise<WatchedPage> {
  const watched = await openPage(browser!, options);
  pages.push(watched);
  return watched;
}

/** A page of `person`'s own browser (the demo's sign-in is a cookie) at `path`. */
async function pageAs(person: string, path: string, options = PHONE): Promise<Page> {
  const { page } = await open(options);
  await page.goto(`${served!.url}${path}`);
  await actAs(page, person, nameOf(person));
  return page;
}

/** The secretary, chair or member `person` opens a live session of `body` from the
 * organization page; answers its id, the console open on `person`'s page. */
async function openSession(page: Page, bodyName: string, title: string): Promise<string> {
  const form = page.locator('form', { hasText: `Open a session of ${bodyName}` });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Open the session' }).click();
  await page.waitForURL(/\/sessions\/[^/]+$/);
  await page.getByRole('heading', { name: title }).waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
}

async function sessionNow(id: string): Promise<Session> {
  return (await (await fetch(`${served!.url}/api/sessions/${id}`)).json()) as Session;
}

async function checkIn(console: Page, person: string): Promise<void> {
  await console.getByRole('button', { name: `Check in ${nameOf(person)}` }).click();
  await console.getByRole('button', { name: `Check out ${nameOf(person)}` }).waitFor();
}

interface MotionForm {
  text: string;
  kind?: string;
  proposer?: string;
}

async function putMotion(console: Page, motion: MotionForm): Promise<Locator> {
  const form = console.getByRole('form', { name: 'Put a motion' });
  await form.getByLabel('New motion').fill(motion.text);
  if (motion.kind) await form.getByLabel('Kind').selectOption(motion.kind);
  if (motion.proposer) await form.getByLabel('Proposed by').selectOption(motion.proposer);
  await form.getByRole('button', { name: 'Put the motion' }).click();
  return motionCard(console, motion.text);
}

function motionCard(page: Page, text: string): Locator {
  return page.locator('article.motion', { hasText: text });
}

/** Casts a ballot from a member's ballot page and waits for its receipt. */
async function vote(page: Page, choice: string): Promise<void> {
  const ballot = page.locator('article.ballot');
  await ballot.getByRole('button', { name: choice, exact: true }).click();
  await ballot.locator('.receipt', { hasText: /is entry \d+ of the record/ }).waitFor();
}

async function notVoted(card: Locator, text: string): Promise<void> {
  await card.locator('.not-voted', { hasText: new RegExp(`^${text}$`) }).waitFor();
}

/** Closes the vote on the console's card through its confirmation; answers what the dialog said
 * closing would record. */
async function closeVote(console: Page, card: Locator): Promise<string> {
  await card.getByRole('button', { name: 'Close the vote', exact: true }).click();
  const dialog = console.getByRole('dialog', { name: /^Close the vote on / });
  const preview = dialog.locator('.preview');
  await preview.waitFor();
  const said = (await preview.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Record the decision' }).click();
  await card.locator('.decision[data-outcome]').waitFor();
  return said;
}

const BYLAWS = 'Amend bylaw 4: the board meets every month.';

/** The board's meeting, motion after motion: what the steps share. */
const board: {
  session?: string;
  chair?: Page;
  members: Record<string, Page>;
} = { members: {} };

describe.skipIf(!haveChromium)('the session console', () => {
  it('warns before opening a vote without quorum, and records it if told to', SLOW, async () => {
    const chair = await pageAs('ada', '/', LAPTOP);
    const session = await openSession(chair, 'Board of Directors', 'Console under test');
    Object.assign(board, { session, chair });
    for (const person of ['ada', 'ben', 'chen']) await checkIn(chair, person);
    await chair.getByText('No quorum yet: 1 more needed.').waitFor();

    const card = await putMotion(chair, { text: 'Shall the board meet every month?' });
    await card.getByRole('button', { name: 'Open the vote' }).click();
    const question = 'Quorum is not met: 3 of 4 required present. Open the vote anyway?';
    const warning = chair.getByRole('dialog', { name: question });
    await warning.waitFor();
    await checkPage(chair, 'console-01-quorum-warning');
    await warning.getByRole('button', { name: 'Not yet' }).click();
    await warning.waitFor({ state: 'hidden' });
    expect((await sessionNow(session)).motions[0]!.status, 'nothing recorded').toBe('proposed');

    await card.getByRole('button', { name: 'Open the vote' }).click();
    await warning.getByRole('button', { name: 'Open the vote anyway' }).click();
    await card.getByText('vote open').waitFor();
    expect((await sessionNow(session)).motions[0]).toMatchObject({ status: 'open', present: 3 });
    await notVoted(card, 'Not voted yet: Ada Okafor, Ben Lindqvist, Chen Wei');
    expect(await closeVote(chair, card)).toMatch(
      /not decided: no quorum: 3 of 7 voting members present, 4 required/,
    );
    await card.locator('.decision[data-outcome="not-decided"]').waitFor();
  });

  it('puts a bylaws motion, with its proposer and the rule its kind implies', SLOW, async () => {
    const { session, chair } = board as Required<typeof board>;
    const ballot = `/sessions/${session}/ballot`;
    for (const person of ['dana', 'eli']) await checkIn(chair, person);
    const kinds = await chair.getByLabel('Kind').locator('option').allTextContents();
    expect(kinds).toEqual([
      'ordinary: a majority of votes cast',
      'bylaws: two thirds of votes cast',
    ]);
    const people = ['ben', 'chen', 'dana', 'eli', 'fay', 'gus', 'hana'];
    const phones = await Promise.all(people.map((person) => pageAs(person, ballot)));
    people.forEach((person, i) => (board.members[person] = phones[i]!));
    board.members['ada'] = await chair.context().newPage();
    await board.members['ada'].goto(`${served!.url}${ballot}`);

    const card = await putMotion(chair, { text: BYLAWS, kind: 'bylaws', proposer: 'dana' });
    await card.getByText('proposed by Dana Morales').waitFor();
    await card.getByText('bylaws: two thirds of votes cast').waitFor();
    // With a quorum, the vote opens at once.
    await card.getByRole('button', { name: 'Open the vote' }).click();
    await card.getByText('vote open').waitFor();
    expect(await chair.getByRole('dialog').count()).toBe(0);
    expect((await sessionNow(session)).motions[1]).toMatchObject({
      kind: 'bylaws',
      proposer: 'dana',
      status: 'open',
    });
  });

  it(
    'tells a late arrival, an absent member and a non-member why they cannot vote',
    SLOW,
    async () => {
      const m = board.members;
      // Fay arrives after the vote opened; Gus is absent; Hana, the secretary, is no member.
      await m['fay']!.getByRole('button', { name: 'Check in' }).click();
      await m['fay']!.getByText('You are checked in.').waitFor();
      await m['fay']!.getByText(
        'You arrived after this vote opened: you cannot vote on it.',
      ).waitFor();
      expect(await m['fay']!.getByRole('button', { name: 'Aye', exact: true }).count()).toBe(0);
      await checkPage(m['fay']!, 'console-02-ballot-late-arrival');
      await m['gus']!.getByText('You were not present when this vote opened').waitFor();
      await m['hana']!.getByText('You are not a voting member of this body: you cannot').waitFor();
      // Those present at the opening have the buttons.
      await m['ben']!.getByRole('button', { name: 'Aye', exact: true }).waitFor();
    },
  );

  it(
    'lists who has not voted, then decides the bylaws by two thirds once confirmed',
    SLOW,
    async () => {
      const { session, chair, members: m } = board as Required<typeof board>;
      const card = motionCard(chair, BYLAWS);
      // Fay, who arrived later, is not waited for.
      await notVoted(
        card,
        'Not voted yet: Ada Okafor, Ben Lindqvist, Chen Wei, Dana Morales, Eli Novak',
      );
      await vote(m['ben']!, 'Aye');
      await notVoted(card, 'Not voted yet: Ada Okafor, Chen Wei, Dana Morales, Eli Novak');
      await vote(m['chen']!, 'Aye');
      await notVoted(card, 'Not voted yet: Ada Okafor, Dana Morales, Eli Novak');
      await vote(m['dana']!, 'Aye');
      await vote(m['eli']!, 'Nay');
      await notVoted(card, 'Not voted yet: Ada Okafor');
      await checkPage(chair, 'console-03-not-voted');
      await vote(m['ada']!, 'Nay');
      await notVoted(card, 'Everyone present when the vote opened has voted.');

      // Asked to confirm, the chair first says not yet: the vote stays open.
      await card.getByRole('button', { name: 'Close the vote', exact: true }).click();
      const dialog = chair.getByRole('dialog', { name: /^Close the vote on / });
      await dialog.locator('.preview').waitFor();
      await checkPage(chair, 'console-04-close-confirmation');
      await dialog.getByRole('button', { name: 'Not yet' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await sessionNow(session)).motions[1]!.status).toBe('open');
      // Three ayes of five are a majority of votes cast, but not the two thirds bylaws need.
      expect(await closeVote(chair, card)).toMatch(
        /rejected: 3 ayes against 2 nays; two thirds of votes cast required/,
      );
      await card.locator('.decision[data-outcome="rejected"]').waitFor();
      await m['fay']!.locator('.decision[data-outcome="rejected"]').waitFor();
    },
  );

  it("breaks a tie with the chair's casting vote", SLOW, async () => {
    const { session, chair, members: m } = board as Required<typeof board>;
    const text = 'Shall the board hire a gardener?';
    const card = await putMotion(chair, { text, proposer: 'ben' });
    await card.getByRole('button', { name: 'Open the vote' }).click();
    await m['ben']!.getByRole('button', { name: 'Aye', exact: true }).waitFor();
    // Fay, present now, votes this time.
    for (const [person, choice] of [
      ['ben', 'Aye'],
      ['chen', 'Nay'],
      ['dana', 'Aye'],
      ['eli', 'Nay'],
      ['fay', 'Abstain'],
    ] as const)
      await vote(m[person]!, choice);
    await notVoted(card, 'Not voted yet: Ada Okafor');
    await card.locator('.tally-aye .count', { hasText: '2' }).waitFor();
    await card.locator('.tally-nay .count', { hasText: '2' }).waitFor();

    // The secretary is told the chair may break it; only the chair has the buttons.
    const secretary = m['hana']!;
    await secretary.goto(`${served!.url}/sessions/${session}`);
    await motionCard(secretary, text)
      .getByText('The vote is tied: the chair, Ada Okafor, may break the tie')
      .waitFor();
    expect(await secretary.getByRole('button', { name: /Casting vote/ }).count()).toBe(0);
    const aye = card.getByRole('button', { name: 'Casting vote: aye' });
    await card.getByRole('button', { name: 'Casting vote: nay' }).waitFor();
    await checkPage(chair, 'console-05-casting-vote');
    await aye.click();
    await card.getByText('The chair has given a casting vote: aye.').waitFor();
    expect(await closeVote(chair, card)).toMatch(
      /adopted: 2 ayes against 2 nays, 1 abstention, tie broken by the chair's casting vote \(ada, aye\)/,
    );
    await card.locator('.decision[data-outcome="adopted"]').waitFor();
    const minutes = (await sessionNow(session)).motions[2]!;
    expect(minutes.decision!.explanation).toMatch(/tie broken by the chair's casting vote/);
  });

  it(
    'puts a motion with three alternatives and decides it by absolute majority',
    SLOW,
    async () => {
      const { chair, members: m } = board as Required<typeof board>;
      const form = chair.getByRole('form', { name: 'Put a motion' });
      const text = 'Which tree shall we plant in the courtyard?';
      await form.getByLabel('New motion').fill(text);
      await form.getByLabel('Several alternatives instead of aye or nay').check();
      expect(await form.getByRole('button', { name: /^Remove alternative/ }).count()).toBe(2);
      expect(await form.getByRole('button', { name: 'Remove alternative 1' }).isDisabled()).toBe(
        true,
      );
      await form.getByRole('button', { name: 'Add an alternative' }).click();
      await form.getByRole('button', { name: 'Add an alternative' }).click();
      await form.getByRole('button', { name: 'Remove alternative 4' }).click();
      expect(await form.getByLabel(/^Alternative \d$/).count()).toBe(3);
      await form.getByRole('textbox', { name: 'Alternative 1', exact: true }).fill('oak');
      await form.getByRole('textbox', { name: 'Alternative 2', exact: true }).fill('Maple');
      await form.getByRole('textbox', { name: 'Alternative 3', exact: true }).fill('birch');
      await form.getByText('Alternative 2, "Maple": a name is lowercase letters').waitFor();
      const put = form.getByRole('button', { name: 'Put the motion' });
      expect(await put.isDisabled(), 'a wrong name is not sent').toBe(true);
      await form.getByRole('textbox', { name: 'Alternative 2', exact: true }).fill('maple');
      await form.getByLabel('Method').selectOption('absolute');
      await checkPage(chair, 'console-06-alternatives-form');
      await put.click();

      const card = motionCard(chair, text);
      await card.getByText('Alternatives (absolute majority): oak, maple, birch').waitFor();
      await card.getByRole('button', { name: 'Open the vote' }).click();
      await m['ben']!.getByRole('button', { name: 'maple', exact: true }).waitFor();
      await checkPage(m['ben']!, 'console-07-ballot-alternatives');
      for (const [person, choice] of [
        ['ben', 'oak'],
        ['chen', 'oak'],
        ['dana', 'oak'],
        ['eli', 'maple'],
        ['fay', 'birch'],
        ['ada', 'Abstain'],
      ] as const)
        await vote(m[person]!, choice);
      await notVoted(card, 'Everyone present when the vote opened has voted.');
      expect(await closeVote(chair, card)).toMatch(
        /oak: 3 of 5 votes, 1 abstention, absolute majority/,
      );
      await card.locator('.decision[data-outcome="oak"]', { hasText: 'Carried: oak' }).waitFor();
    },
  );

  it('closes the session only once the chair confirms', SLOW, async () => {
    const { session, chair } = board as Required<typeof board>;
    const button = chair.getByRole('button', { name: 'Close the session', exact: true });
    const dialog = chair.getByRole('dialog', { name: 'Close the session?' });
    await button.click();
    await dialog.getByText('Nothing more can be recorded').waitFor();
    await checkPage(chair, 'console-08-close-session');
    // The safe answer has the focus, and Escape answers it too.
    const focused = await dialog
      .getByRole('button', { name: 'Not yet' })
      .evaluate((button) => button === button.ownerDocument.activeElement);
    expect(focused).toBe(true);
    await chair.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await sessionNow(session)).open).toBe(true);
    await button.click();
    await dialog.getByRole('button', { name: 'Yes, close the session' }).click();
    await chair.locator('.session-header .tag', { hasText: 'closed' }).waitFor();
    expect((await sessionNow(session)).open).toBe(false);
    await checkPage(chair, 'console-09-closed');
  });

  it('offers no casting vote where the charter gives none', SLOW, async () => {
    // The finance committee has no chair: any of its voting members runs its sessions.
    const chen = await pageAs('chen', '/', LAPTOP);
    const session = await openSession(chen, 'Finance Committee', 'Committee under test');
    for (const person of ['chen', 'dana']) await checkIn(chen, person);
    const text = 'Shall the committee buy a new ledger?';
    // A delegated body decides under a power its parent gave it: the form names its only one.
    expect(await chen.getByLabel('Under the power').inputValue()).toBe('spend-up-to-5000');
    const card = await putMotion(chen, { text });
    await card.getByText('under spend-up-to-5000').waitFor();
    await card.getByRole('button', { name: 'Open the vote' }).click();
    await card.getByText('vote open').waitFor();
    const ballots = await Promise.all(
      ['chen', 'dana'].map((p) => pageAs(p, `/sessions/${session}/ballot`)),
    );
    await vote(ballots[0]!, 'Aye');
    await vote(ballots[1]!, 'Nay');
    await notVoted(card, 'Everyone present when the vote opened has voted.');
    // The committee shows no running tally: the tie is seen at the close, with no casting vote.
    expect(await card.locator('.tally').count()).toBe(0);
    expect(await chen.getByText(/casting vote/i).count()).toBe(0);
    await card.getByRole('button', { name: 'Close the vote', exact: true }).click();
    const dialog = chen.getByRole('dialog', { name: /^Close the vote on / });
    await dialog.locator('.preview', { hasText: 'a tie fails without a casting vote' }).waitFor();
    expect(await dialog.getByRole('button', { name: /Casting vote/ }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Record the decision' }).click();
    await card.locator('.decision[data-outcome="rejected"]').waitFor();
  });

  it('ran without script errors or refusals by the page policy', () => {
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
