/**
 * The charter changed from the console, in Chromium against a real demo server: the chair opens a
 * session and puts an amendment of the charter from a file (the board's candidate joins it as a
 * director, the quorum grows by one); a vote opened before the amendment comes into force is
 * decided by the roster of its opening, as the console, the ballot page and the protocol say; a
 * member gives his proxy from the console and its holder casts his ballot on the ballot page, in
 * a vote the new roster decides; a re-invitation is put, adopted, and its invitation issued from
 * its card. Who plays which part is read from the organization view.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { stringify } from 'yaml';
import type { BodyInfo, LogPage, Organization, Session } from '../../src/web/lib/types.js';
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
let served: Served | undefined;
let browser: Browser | undefined;
let org: Organization;
const pages: WatchedPage[] = [];
const folder = mkdtempSync(join(tmpdir(), 'collegium-charter-'));

beforeAll(async () => {
  if (!haveChromium) return;
  [served, browser] = await Promise.all([serveDemo(), launchChromium()]);
  org = (await (await fetch(`${served.url}/api/organization`)).json()) as Organization;
}, 60_000);

afterAll(async () => {
  await Promise.all(
    pages.map((p, i) => screenshot(p.page, `charter-zz-last-${i}`).catch(() => undefined)),
  );
  await browser?.close();
  await served?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const nameOf = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;
const names = (people: readonly string[]) => people.map(nameOf).join(', ');
const votingMembers = (body: BodyInfo) => body.members.filter((p) => !body.candidates.includes(p));

/** A page of `person`'s own browser (the demo's sign-in is a cookie) at `path`. */
async function pageAs(
  person: string,
  path: string,
  options: BrowserContextOptions = PHONE,
): Promise<Page> {
  const watched = await openPage(browser!, options);
  pages.push(watched);
  await watched.page.goto(`${served!.url}${path}`);
  await actAs(watched.page, person, nameOf(person));
  return watched.page;
}

async function sessionNow(id: string): Promise<Session> {
  return (await (await fetch(`${served!.url}/api/sessions/${id}`)).json()) as Session;
}

/** The charter in force as data: the last amendment's, else the one adopted at the start. */
async function charterInForce(): Promise<Record<string, unknown>> {
  const log = (await (await fetch(`${served!.url}/api/log?from=0&limit=500`)).json()) as LogPage;
  const entries = log.entries.flatMap((e) => (e.entry ? [e.entry] : []));
  const amended = entries.filter((e) => e.type === 'charter.amend').at(-1)?.payload;
  const proposal = entries.find(
    (e) =>
      e.type === 'motion.propose' &&
      e.payload['session'] === amended?.['session'] &&
      e.payload['motion'] === amended?.['motion'],
  );
  const charter = proposal ? proposal.payload['amends'] : entries[0]!.payload['charter'];
  return structuredClone(charter) as Record<string, unknown>;
}

/** The charter in force with `person` made a director of `body` and its quorum `quorum`, as a
 * YAML file. */
async function amendedCharterFile(body: string, person: string, quorum: number): Promise<string> {
  const charter = await charterInForce();
  const bodies = charter['bodies'] as Record<string, Record<string, unknown>>;
  const board = bodies[body]!;
  expect(board['quorum'], 'the board has a quorum of a count').toHaveProperty('count');
  board['members'] = [...(board['members'] as string[]), person];
  const candidates = ((board['candidates'] as string[] | undefined) ?? []).filter(
    (p) => p !== person,
  );
  if (candidates.length > 0) board['candidates'] = candidates;
  else delete board['candidates'];
  board['quorum'] = { count: quorum };
  const file = join(folder, 'charter-amended.yaml');
  writeFileSync(file, stringify(charter));
  return file;
}

async function checkIn(console: Page, person: string): Promise<void> {
  await console.getByRole('button', { name: `Check in ${nameOf(person)}` }).click();
  await console.getByRole('button', { name: `Check out ${nameOf(person)}` }).waitFor();
}

function motionCard(page: Page, text: string): Locator {
  return page.locator('article.motion', { hasText: text });
}

async function putMotion(console: Page, text: string): Promise<Locator> {
  const form = console.getByRole('form', { name: 'Put a motion' });
  await form.getByLabel('New motion').fill(text);
  await form.getByRole('button', { name: 'Put the motion' }).click();
  const card = motionCard(console, text);
  await card.waitFor();
  return card;
}

async function openVote(card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Open the vote' }).click();
  await card.getByText('vote open').waitFor();
}

/** The ballot of the open vote on `text` on a member's ballot page (not a proxy's). */
function ballotOf(page: Page, text: string): Locator {
  return page.locator('article.ballot:not(.proxy)', { hasText: text });
}

async function vote(page: Page, text: string, choice: string): Promise<void> {
  const ballot = ballotOf(page, text);
  await ballot.getByRole('button', { name: choice, exact: true }).click();
  await ballot.locator('.receipt', { hasText: /is entry \d+ of the record/ }).waitFor();
}

/** Closes the vote through its confirmation; answers what the dialog said it would record. */
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

const AMENDMENT = 'Shall the candidate join the board as a director, and the quorum grow by one?';
const BEFORE = 'Shall the courtyard benches be repainted?';
const AFTER = 'Shall the board buy a second washing machine?';
const REINVITE = 'Invite again, by decision';

describe.skipIf(!haveChromium)('the charter amended from the console', () => {
  it(
    'puts an amendment from a file; a vote opened before it is decided by its own roster, one after by the new one, with a proxy given on the console',
    { timeout: 300_000 },
    async () => {
      const board = org.bodies.find(
        (b) =>
          !b.parent &&
          b.chair &&
          b.proxies &&
          b.candidates.length > 0 &&
          b.motionKinds.some((k) => k.id === 'amendment'),
      );
      if (!board) throw new Error('the demo has no board with a chair, a candidate, proxies');
      const chair = board.chair!;
      const newcomer = board.candidates[0]!;
      const directors = votingMembers(board).filter((p) => p !== chair);
      expect(directors.length, 'six directors besides the chair').toBeGreaterThanOrEqual(6);
      const [a, b, c, d, grantor] = directors as [string, string, string, string, string];
      const holder = a;

      // The chair opens a session and checks in the whole board and its candidate.
      const desk = await pageAs(chair, '/', LAPTOP);
      const form = desk.locator('form', { hasText: `Open a session of ${board.name}` });
      await form.getByLabel('Title').fill('Charter under test');
      await form.getByRole('button', { name: 'Open the session' }).click();
      await desk.waitForURL(/\/sessions\/[^/]+$/);
      const session = decodeURIComponent(new URL(desk.url()).pathname.split('/')[2]!);
      for (const person of [chair, ...directors, newcomer]) await checkIn(desk, person);
      const before = (await sessionNow(session)).quorum;
      expect(before.presentVoting).toBe(before.votingMembers);

      // The ballot pages: four directors, the candidate, the chair in a second tab.
      const ballotPath = `/sessions/${session}/ballot`;
      const phones = await Promise.all([a, b, c, d, newcomer].map((p) => pageAs(p, ballotPath)));
      const phone = Object.fromEntries([a, b, c, d, newcomer].map((p, i) => [p, phones[i]!]));
      phone[chair] = await desk.context().newPage();
      await phone[chair].goto(`${served!.url}${ballotPath}`);

      // The amendment, from a file: the candidate joins the board, the quorum grows by one.
      const quorum = before.required + 1;
      const file = await amendedCharterFile(board.id, newcomer, quorum);
      await desk.getByText('Put an amendment of the charter').click();
      const amend = desk.getByRole('form', { name: 'Put an amendment of the charter' });
      await amend.getByLabel('What the amendment does').fill(AMENDMENT);
      await amend.getByLabel('The amended charter (a YAML file)').setInputFiles(file);
      await amend
        .getByText(new RegExp(`^${board.name}: .*${nameOf(newcomer)}$`))
        .first()
        .waitFor();
      await checkPage(desk, 'charter-01-amendment-form');
      await amend.getByRole('button', { name: 'Put the amendment' }).click();
      await amend.locator('.receipt', { hasText: 'The amendment' }).waitFor();
      const amendment = motionCard(desk, AMENDMENT);
      const rule = board.motionKinds.find((k) => k.id === 'amendment')!.rule;
      await amendment.getByText(`amendment: ${rule}`).waitFor();
      await amendment.getByText('This motion amends the charter. What it changes:').waitFor();
      const changes = await amendment.locator('.note li').allTextContents();
      expect(changes.join('\n')).toContain(newcomer);
      expect(changes.join('\n')).toContain(String(quorum));
      await openVote(amendment);

      // Before the amendment comes into force, another vote opens.
      const early = await putMotion(desk, BEFORE);
      await openVote(early);

      // The amendment is adopted by two thirds, and in force at once: the candidate is a director.
      for (const [person, choice] of [
        [a, 'Aye'],
        [b, 'Aye'],
        [c, 'Aye'],
        [chair, 'Aye'],
        [d, 'Nay'],
      ] as const)
        await vote(phone[person]!, AMENDMENT, choice);
      expect(await closeVote(desk, amendment)).toMatch(
        /^Closing now records: adopted: 4 ayes against 1 nay, two thirds of votes cast; /,
      );
      await amendment
        .getByText(/This motion amends the charter, in force from entry \d+/)
        .waitFor();
      await desk
        .locator('.attendance .name', { hasText: new RegExp(`^${nameOf(newcomer)}$`) })
        .waitFor();
      await desk
        .getByText(`Quorum: ${before.votingMembers + 1} of ${before.votingMembers + 1} voting`)
        .waitFor();

      // The vote opened before is the old board's: the newcomer was a candidate when it opened.
      await ballotOf(phone[newcomer]!, BEFORE)
        .getByText('You were not a voting member when this vote opened: you cannot vote on it.')
        .waitFor();
      await checkPage(phone[newcomer]!, 'charter-02-ballot-overtaken');
      for (const [person, choice] of [
        [a, 'Aye'],
        [b, 'Aye'],
        [c, 'Aye'],
        [d, 'Nay'],
      ] as const)
        await vote(phone[person]!, BEFORE, choice);
      const waiting = [chair, ...directors.slice(4)];
      await early
        .locator('.not-voted', { hasText: new RegExp(`^Not voted yet: ${names(waiting)}$`) })
        .waitFor();
      expect(await closeVote(desk, early)).toContain(
        `adopted: 3 ayes against 1 nay, majority of votes cast; ${before.votingMembers} of ${before.votingMembers} voting members present, quorum ${before.required}`,
      );

      // A director gives his proxy on the desk, for this session, and leaves.
      const own = await pageAs(grantor, `/sessions/${session}`, LAPTOP);
      const give = own.getByRole('form', { name: 'Give your proxy' });
      expect(await give.getByLabel('For how long').inputValue()).toBe('session');
      await give.getByLabel('To', { exact: true }).selectOption(holder);
      await give.getByRole('button', { name: 'Give the proxy' }).click();
      const granted = `${nameOf(grantor)} gives their proxy to ${nameOf(holder)}, for session ${session}.`;
      await own.locator('.grants li', { hasText: granted }).waitFor();
      await checkPage(own, 'charter-03-console-proxy');
      await own.getByRole('button', { name: `Check out ${nameOf(grantor)}` }).click();
      await desk.getByRole('button', { name: `Check in ${nameOf(grantor)}` }).waitFor();
      await desk.locator('.grants li', { hasText: granted }).waitFor();

      // A vote after the amendment: the new board decides, the holder votes for the grantor.
      const late = await putMotion(desk, AFTER);
      await openVote(late);
      const holderPhone = phone[holder]!;
      const proxy = holderPhone.locator('article.proxy', { hasText: AFTER });
      await proxy.getByText(`By proxy: ${nameOf(grantor)}'s ballot`).waitFor();
      await checkPage(holderPhone, 'charter-04-ballot-proxy');
      await proxy.getByRole('button', { name: `Aye for ${nameOf(grantor)}` }).click();
      await proxy.locator('.receipt', { hasText: `${nameOf(grantor)}'s ballot` }).waitFor();
      for (const [person, choice] of [
        [a, 'Aye'],
        [newcomer, 'Aye'],
        [b, 'Aye'],
        [c, 'Nay'],
        [chair, 'Abstain'],
      ] as const)
        await vote(phone[person]!, AFTER, choice);
      const members = before.votingMembers + 1;
      expect(await closeVote(desk, late)).toContain(
        `adopted: 4 ayes against 1 nay, 1 abstention, majority of votes cast; ${members} of ${members} voting members present (1 by proxy), quorum ${quorum}`,
      );
      const decided = (await sessionNow(session)).motions.find((m) => m.text === AFTER)!;
      expect(decided.voted).toContain(grantor);
      expect(decided.voted).toContain(newcomer);
      await checkPage(desk, 'charter-05-console-decisions');

      // The protocol says which vote the amendment overtook.
      const protocol = await pageAs(b, `/sessions/${session}/protocol`, LAPTOP);
      const overtaken = protocol.locator('.minutes li', { hasText: '3 ayes against 1 nay,' });
      await overtaken
        .getByText('Decided by the roster and rules in force when its vote opened')
        .waitFor();
      expect(
        await protocol
          .locator('.minutes li', { hasText: `quorum ${quorum}` })
          .getByText('Decided by the roster and rules in force when its vote opened')
          .count(),
      ).toBe(0);
      await checkPage(protocol, 'charter-06-protocol-overtaken');

      // A re-invitation, put on the desk, adopted, and its invitation issued from its card.
      const invited = directors[5]!;
      await desk.getByText('Put a re-invitation').click();
      const reinvite = desk.getByRole('form', { name: 'Put a re-invitation' });
      await reinvite.getByLabel('Invite again').selectOption(invited);
      await reinvite.getByLabel('The motion').fill(`${REINVITE}: ${nameOf(invited)}`);
      await checkPage(desk, 'charter-07-reinvitation-form');
      await reinvite.getByRole('button', { name: 'Put the re-invitation' }).click();
      const card = motionCard(desk, `${REINVITE}: ${nameOf(invited)}`);
      await card.getByText(`This motion re-invites ${nameOf(invited)} to enrol a key.`).waitFor();
      await openVote(card);
      for (const person of [a, b, c, newcomer])
        await vote(phone[person]!, `${REINVITE}: ${nameOf(invited)}`, 'Aye');
      expect(await closeVote(desk, card)).toMatch(/^Closing now records: adopted: 4 ayes/);
      await card.getByRole('button', { name: 'Issue the invitation' }).click();
      const link = card.locator('.invitation a');
      await link.waitFor();
      expect(await link.getAttribute('href')).toMatch(/\/enrol#/);
      await checkPage(desk, 'charter-08-reinvitation-issued');

      expect(pages.flatMap((p) => p.problems)).toEqual([]);
    },
  );
});
