/**
 * The session console with the whole charter, in Chromium against a real demo server (the
 * cooperative board: bylaws by two thirds, the chair's casting vote, a quorum of 4 of 7; its
 * finance committee, which has no casting vote). Who plays which part (the chair, the secretary,
 * the directors) is read from the organization view, as the demo's history left it. One session
 * of the board, motion after motion:
 * a vote opened without quorum after a warning; a bylaws motion that two thirds decide, with the
 * list of who has not voted shrinking and a late arrival told why she cannot vote; a tie broken by
 * the chair's casting vote; a motion with three alternatives; the session closed after a
 * confirmation. Then a tie in the committee, where no casting vote is offered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { BodyInfo, Organization, Session } from '../../src/web/lib/types.js';
import {
  actAs,
  checkPage,
  LAPTOP,
  openPage,
  PHONE,
  demoInChromium,
  HAVE_CHROMIUM,
} from './harness.js';
import type { WatchedPage } from './harness.js';

/** Each step drives several browsers on a small machine. */
const SLOW = { timeout: 90_000 };
let org: Organization;
let cast: Cast;
const pages: WatchedPage[] = [];

const demo = demoInChromium({ name: 'console', pages });

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  org = (await (await fetch(`${demo.served.url}/api/organization`)).json()) as Organization;
  cast = castOf(org);
});

const nameOf = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;
const names = (people: readonly string[]) => people.map(nameOf).join(', ');

/** Who plays which part, from the organization view. */
interface Cast {
  /** A body with a chair who has a casting vote, a secretary who is not a member, bylaws. */
  readonly board: BodyInfo;
  readonly chair: string;
  readonly secretary: string;
  /** Six of its voting members besides the chair: the first four come in time, the fifth late,
   * the sixth not at all. */
  readonly voters: readonly string[];
  /** A delegated body with no chair and no casting vote, and two of its voting members. */
  readonly committee: BodyInfo;
  readonly committeeVoters: readonly string[];
}

const votingMembers = (body: BodyInfo) => body.members.filter((p) => !body.candidates.includes(p));

function castOf(org: Organization): Cast {
  const board = org.bodies.find(
    (b) =>
      b.chair &&
      b.secretary &&
      !b.members.includes(b.secretary) &&
      b.castingVote &&
      b.motionKinds.some((k) => k.id === 'bylaws') &&
      votingMembers(b).filter((p) => p !== b.chair).length >= 6,
  );
  const committee = org.bodies.find(
    (b) => b.parent && !b.chair && !b.castingVote && votingMembers(b).length >= 2,
  );
  if (!board || !committee)
    throw new Error('the demo has no board (chair, secretary, bylaws, six directors) or committee');
  return {
    board,
    chair: board.chair!,
    secretary: board.secretary!,
    voters: votingMembers(board)
      .filter((p) => p !== board.chair)
      .slice(0, 6),
    committee,
    committeeVoters: votingMembers(committee).slice(0, 2),
  };
}

async function open(options: BrowserContextOptions): Promise<WatchedPage> {
  const watched = await openPage(demo.browser, options);
  pages.push(watched);
  return watched;
}

/** A page of `person`'s own browser (the demo's sign-in is a cookie) at `path`. */
async function pageAs(person: string, path: string, options = PHONE): Promise<Page> {
  const { page } = await open(options);
  await page.goto(`${demo.served.url}${path}`);
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
  return (await (await fetch(`${demo.served.url}/api/sessions/${id}`)).json()) as Session;
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

describe.skipIf(!HAVE_CHROMIUM)('the session console', () => {
  it('warns before opening a vote without quorum, and records it if told to', SLOW, async () => {
    const chair = await pageAs(cast.chair, '/', LAPTOP);
    const session = await openSession(chair, cast.board.name, 'Console under test');
    Object.assign(board, { session, chair });
    const { required, votingMembers } = (await sessionNow(session)).quorum;
    // One short of the quorum: the chair and all but one of those it needs besides her.
    const early = [cast.chair, ...cast.voters.slice(0, required - 2)];
    for (const person of early) await checkIn(chair, person);
    await chair.getByText('No quorum yet: 1 more needed.').waitFor();

    const card = await putMotion(chair, { text: 'Shall the board meet every month?' });
    await card.getByRole('button', { name: 'Open the vote' }).click();
    const question = `Quorum is not met: ${required - 1} of ${required} required present. Open the vote anyway?`;
    const warning = chair.getByRole('dialog', { name: question });
    await warning.waitFor();
    await checkPage(chair, 'console-01-quorum-warning');
    await warning.getByRole('button', { name: 'Not yet' }).click();
    await warning.waitFor({ state: 'hidden' });
    expect((await sessionNow(session)).motions[0]!.status, 'nothing recorded').toBe('proposed');

    await card.getByRole('button', { name: 'Open the vote' }).click();
    await warning.getByRole('button', { name: 'Open the vote anyway' }).click();
    await card.getByText('vote open').waitFor();
    expect((await sessionNow(session)).motions[0]).toMatchObject({
      status: 'open',
      present: required - 1,
    });
    await notVoted(card, `Not voted yet: ${names(early)}`);
    expect(await closeVote(chair, card)).toContain(
      `not decided: no quorum: ${required - 1} of ${votingMembers} voting members present, ${required} required`,
    );
    await card.locator('.decision[data-outcome="not-decided"]').waitFor();
  });

  it('puts a bylaws motion, with its proposer and the rule its kind implies', SLOW, async () => {
    const { session, chair } = board as Required<typeof board>;
    const ballot = `/sessions/${session}/ballot`;
    // The rest of the first four come in: the quorum is met.
    for (const person of cast.voters.slice(0, 4))
      if (!(await sessionNow(session)).present.includes(person)) await checkIn(chair, person);
    const kinds = await chair.getByLabel('Kind').locator('option').allTextContents();
    // The charter's kinds, each with its rule; amendments are put apart, with their charter.
    expect(kinds).toEqual([
      `ordinary: ${cast.board.majorityInWords}`,
      ...cast.board.motionKinds
        .filter((k) => k.id !== 'amendment')
        .map((k) => `${k.id}: ${k.rule}`),
    ]);
    expect(kinds).toContain('bylaws: two thirds of votes cast');
    const people = [...cast.voters, cast.secretary];
    const phones = await Promise.all(people.map((person) => pageAs(person, ballot)));
    people.forEach((person, i) => (board.members[person] = phones[i]!));
    // The chair votes from a second tab of her own browser.
    const chairBallot = await chair.context().newPage();
    await chairBallot.goto(`${demo.served.url}${ballot}`);
    board.members[cast.chair] = chairBallot;

    const proposer = cast.voters[2]!;
    const card = await putMotion(chair, { text: BYLAWS, kind: 'bylaws', proposer });
    await card.getByText(`proposed by ${nameOf(proposer)}`).waitFor();
    await card.getByText('bylaws: two thirds of votes cast').waitFor();
    // With a quorum, the vote opens at once.
    await card.getByRole('button', { name: 'Open the vote' }).click();
    await card.getByText('vote open').waitFor();
    expect(await chair.getByRole('dialog').count()).toBe(0);
    expect((await sessionNow(session)).motions[1]).toMatchObject({
      kind: 'bylaws',
      proposer,
      status: 'open',
    });
  });

  it(
    'tells a late arrival, an absent member and a non-member why they cannot vote',
    SLOW,
    async () => {
      const m = board.members;
      const [first, , , , late, absent] = cast.voters;
      // The fifth arrives after the vote opened; the sixth is absent; the secretary is no member.
      await m[late!]!.getByRole('button', { name: 'Check in' }).click();
      await m[late!]!.getByText('You are checked in.').waitFor();
      await m[late!]!.getByText(
        'You arrived after this vote opened: you cannot vote on it.',
      ).waitFor();
      expect(await m[late!]!.getByRole('button', { name: 'Aye', exact: true }).count()).toBe(0);
      await checkPage(m[late!]!, 'console-02-ballot-late-arrival');
      await m[absent!]!.getByText('You were not present when this vote opened').waitFor();
      await m[cast.secretary]!.getByText(
        'You are not a voting member of this body: you cannot',
      ).waitFor();
      // Those present at the opening have the buttons.
      await m[first!]!.getByRole('button', { name: 'Aye', exact: true }).waitFor();
    },
  );

  it(
    'lists who has not voted, then decides the bylaws by two thirds once confirmed',
    SLOW,
    async () => {
      const { session, chair, members: m } = board as Required<typeof board>;
      const card = motionCard(chair, BYLAWS);
      const [a, b, c, d] = cast.voters as [string, string, string, string];
      // The fifth, who arrived later, is not waited for.
      await notVoted(card, `Not voted yet: ${names([cast.chair, a, b, c, d])}`);
      await vote(m[a]!, 'Aye');
      await notVoted(card, `Not voted yet: ${names([cast.chair, b, c, d])}`);
      await vote(m[b]!, 'Aye');
      await notVoted(card, `Not voted yet: ${names([cast.chair, c, d])}`);
      await vote(m[c]!, 'Aye');
      await vote(m[d]!, 'Nay');
      await notVoted(card, `Not voted yet: ${nameOf(cast.chair)}`);
      await checkPage(chair, 'console-03-not-voted');
      await vote(m[cast.chair]!, 'Nay');
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
      await m[cast.voters[4]!]!.locator('.decision[data-outcome="rejected"]').waitFor();
    },
  );

  it("breaks a tie with the chair's casting vote", SLOW, async () => {
    const { session, chair, members: m } = board as Required<typeof board>;
    const text = 'Shall the board hire a gardener?';
    const [a, b, c, d, late] = cast.voters as string[];
    const card = await putMotion(chair, { text, proposer: a });
    await card.getByRole('button', { name: 'Open the vote' }).click();
    await m[a!]!.getByRole('button', { name: 'Aye', exact: true }).waitFor();
    // The late arrival, present now, votes this time.
    for (const [person, choice] of [
      [a, 'Aye'],
      [b, 'Nay'],
      [c, 'Aye'],
      [d, 'Nay'],
      [late, 'Abstain'],
    ] as const)
      await vote(m[person!]!, choice);
    await notVoted(card, `Not voted yet: ${nameOf(cast.chair)}`);
    await card.locator('.tally-aye .count', { hasText: '2' }).waitFor();
    await card.locator('.tally-nay .count', { hasText: '2' }).waitFor();

    // The secretary is told the chair may break it; only the chair has the buttons.
    const secretary = m[cast.secretary]!;
    await secretary.goto(`${demo.served.url}/sessions/${session}`);
    await motionCard(secretary, text)
      .getByText(`The vote is tied: the chair, ${nameOf(cast.chair)}, may break the tie`)
      .waitFor();
    expect(await secretary.getByRole('button', { name: /Casting vote/ }).count()).toBe(0);
    const aye = card.getByRole('button', { name: 'Casting vote: Aye', exact: true });
    await card.getByRole('button', { name: 'Casting vote: Nay', exact: true }).waitFor();
    await checkPage(chair, 'console-05-casting-vote');
    await aye.click();
    await card.getByText(/The chair has given a casting vote: Aye\./).waitFor();
    expect(await closeVote(chair, card)).toContain(
      `adopted: 2 ayes against 2 nays, 1 abstention, tie broken by the chair's casting vote (${nameOf(cast.chair)}, aye)`,
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
      await form
        .getByText('Alternative 2, "Maple": a name is an id: an id is lowercase Latin letters')
        .waitFor();
      const put = form.getByRole('button', { name: 'Put the motion' });
      expect(await put.isDisabled(), 'a wrong name is not sent').toBe(true);
      await form.getByRole('textbox', { name: 'Alternative 2', exact: true }).fill('maple');
      await form.getByLabel('Method').selectOption('absolute');
      await checkPage(chair, 'console-06-alternatives-form');
      await put.click();

      const card = motionCard(chair, text);
      await card.getByText('Alternatives (absolute majority): oak, maple, birch').waitFor();
      const [a, b, c, d, late] = cast.voters as string[];
      await card.getByRole('button', { name: 'Open the vote' }).click();
      await m[a!]!.getByRole('button', { name: 'maple', exact: true }).waitFor();
      await checkPage(m[a!]!, 'console-07-ballot-alternatives');
      for (const [person, choice] of [
        [a, 'oak'],
        [b, 'oak'],
        [c, 'oak'],
        [d, 'maple'],
        [late, 'birch'],
        [cast.chair, 'Abstain'],
      ] as const)
        await vote(m[person!]!, choice);
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
    const { committee, committeeVoters } = cast;
    const runner = committeeVoters[0]!;
    const runnerPage = await pageAs(runner, '/', LAPTOP);
    const session = await openSession(runnerPage, committee.name, 'Committee under test');
    for (const person of committeeVoters) await checkIn(runnerPage, person);
    const text = 'Shall the committee buy a new ledger?';
    // A delegated body decides under a power its parent gave it: the form names its only one.
    expect(committee.powers).toHaveLength(1);
    const power = committee.powers[0]!;
    expect(await runnerPage.getByLabel('Under the power').inputValue()).toBe(power);
    const card = await putMotion(runnerPage, { text });
    await card.getByText(`under ${power}`).waitFor();
    await card.getByRole('button', { name: 'Open the vote' }).click();
    await card.getByText('vote open').waitFor();
    const ballots = await Promise.all(
      committeeVoters.map((p) => pageAs(p, `/sessions/${session}/ballot`)),
    );
    await vote(ballots[0]!, 'Aye');
    await vote(ballots[1]!, 'Nay');
    await notVoted(card, 'Everyone present when the vote opened has voted.');
    // The committee shows no running tally: the tie is seen at the close, with no casting vote.
    expect(await card.locator('.tally').count()).toBe(0);
    expect(await runnerPage.getByText(/casting vote/i).count()).toBe(0);
    await card.getByRole('button', { name: 'Close the vote', exact: true }).click();
    const dialog = runnerPage.getByRole('dialog', { name: /^Close the vote on / });
    await dialog.locator('.preview', { hasText: 'a tie fails without a casting vote' }).waitFor();
    expect(await dialog.getByRole('button', { name: /Casting vote/ }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Record the decision' }).click();
    await card.locator('.decision[data-outcome="rejected"]').waitFor();
  });

  it('ran without script errors or refusals by the page policy', () => {
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
