/**
 * The charter changed from the console, in Chromium against a real demo server: the chair opens a
 * session and puts an amendment of the charter from a file (the board's candidate joins it as a
 * director, the quorum grows by one); a vote opened before the amendment comes into force is
 * decided by the roster of its opening, as the console, the ballot page and the protocol say; a
 * member gives his proxy from the console and its holder casts his ballot on the ballot page, in
 * a vote the new roster decides; a re-invitation is put, adopted, and its invitation issued from
 * its card. Then, on a real server where only the secretary and one director hold keys, the
 * secretary records on the console a proxy for a director without a key, and its holder votes
 * with it on his phone. Who plays which part is read from the organization view.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { toBase64 } from '../../src/core/bytes.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { BodyInfo, LogPage, Organization, Session } from '../../src/web/lib/types.js';
import { EXAMPLES } from '../support/examples.js';
import { ApiMember } from './api-member.js';
import {
  actAs,
  checkPage,
  COLLEGIUM,
  dataFolder,
  LAPTOP,
  openPage,
  PHONE,
  serve,
  demoInChromium,
  HAVE_CHROMIUM,
} from './harness.js';
import type { Served, WatchedPage } from './harness.js';

/** Each step drives several browsers on a small machine. */
const SLOW = { timeout: 120_000 };
let org: Organization;
const pages: WatchedPage[] = [];
const folder = mkdtempSync(join(tmpdir(), 'collegium-charter-'));

const demo = demoInChromium({ name: 'charter', pages });

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  org = (await (await fetch(`${demo.served.url}/api/organization`)).json()) as Organization;
});

afterAll(() => {
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
  const watched = await openPage(demo.browser, options);
  pages.push(watched);
  await watched.page.goto(`${demo.served.url}${path}`);
  await actAs(watched.page, person, nameOf(person));
  return watched.page;
}

async function sessionNow(id: string): Promise<Session> {
  return (await (await fetch(`${demo.served.url}/api/sessions/${id}`)).json()) as Session;
}

/** The charter in force as data: the last amendment's, else the one adopted at the start. */
async function charterInForce(): Promise<Record<string, unknown>> {
  const log = (await (
    await fetch(`${demo.served.url}/api/log?from=0&limit=500`)
  ).json()) as LogPage;
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

/** The board's session, step after step: what the steps share. */
interface Meeting {
  board: BodyInfo;
  chair: string;
  /** The board's candidate, who becomes a director. */
  newcomer: string;
  /** The directors besides the chair. */
  directors: string[];
  session: string;
  /** The chair's console. */
  desk: Page;
  /** Ballot pages: four directors', the newcomer's, the chair's (a tab of her browser). */
  phone: Record<string, Page>;
  /** The quorum before the amendment. */
  before: Session['quorum'];
  /** The quorum the amendment sets. */
  quorum: number;
}
const meeting = {} as Meeting;

describe.skipIf(!HAVE_CHROMIUM)('the charter amended from the console', () => {
  it('puts an amendment of the charter from a file, and opens another vote', SLOW, async () => {
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
    const [a, b, c, d] = directors as [string, string, string, string];

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

    const ballotPath = `/sessions/${session}/ballot`;
    const phones = await Promise.all([a, b, c, d, newcomer].map((p) => pageAs(p, ballotPath)));
    const phone = Object.fromEntries([a, b, c, d, newcomer].map((p, i) => [p, phones[i]!]));
    phone[chair] = await desk.context().newPage();
    await phone[chair].goto(`${demo.served.url}${ballotPath}`);
    const quorum = before.required + 1;
    Object.assign(meeting, { board, chair, newcomer, directors, session, desk, phone, before });
    meeting.quorum = quorum;

    // The amendment, from a file: the candidate joins the board, the quorum grows by one.
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
    await openVote(await putMotion(desk, BEFORE));
  });

  it('adopts the amendment by two thirds, in force at once', SLOW, async () => {
    const { desk, phone, chair, newcomer, before } = meeting;
    const [a, b, c, d] = meeting.directors as [string, string, string, string];
    for (const [person, choice] of [
      [a, 'Aye'],
      [b, 'Aye'],
      [c, 'Aye'],
      [chair, 'Aye'],
      [d, 'Nay'],
    ] as const)
      await vote(phone[person]!, AMENDMENT, choice);
    const amendment = motionCard(desk, AMENDMENT);
    expect(await closeVote(desk, amendment)).toMatch(
      /^Closing now records: adopted: 4 ayes against 1 nay, two thirds of votes cast; /,
    );
    await amendment.getByText(/This motion amends the charter, in force from entry \d+/).waitFor();
    // The candidate is a director now, and the quorum is the amended one.
    await desk
      .locator('.attendance .name', { hasText: new RegExp(`^${nameOf(newcomer)}$`) })
      .waitFor();
    const members = before.votingMembers + 1;
    await desk
      .getByText(
        `Quorum: ${members} of ${members} voting members present, ${meeting.quorum} needed`,
      )
      .waitFor();
  });

  it('decides the vote opened before it by the roster of its opening', SLOW, async () => {
    const { desk, phone, chair, newcomer, directors, before } = meeting;
    const [a, b, c, d] = directors as [string, string, string, string];
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
    // The console waits for the directors of the opening, not for the newcomer.
    const early = motionCard(desk, BEFORE);
    const waiting = names([chair, ...directors.slice(4)]);
    await early
      .locator('.not-voted', { hasText: new RegExp(`^Not voted yet: ${waiting}$`) })
      .waitFor();
    expect(await closeVote(desk, early)).toContain(
      `adopted: 3 ayes against 1 nay, majority of votes cast; ${before.votingMembers} of ${before.votingMembers} voting members present, quorum ${before.required}`,
    );
  });

  it('lets a proxy given on the console be used on the ballot page', SLOW, async () => {
    const { desk, phone, chair, newcomer, directors, session, before } = meeting;
    const [a, b, c, , grantor] = directors as [string, string, string, string, string];
    const holder = a;
    // A director gives his proxy on the console, for this session, and leaves.
    const own = await pageAs(grantor, `/sessions/${session}`, LAPTOP);
    const give = own.getByRole('form', { name: 'Give your proxy' });
    expect(await give.getByLabel('For how long').inputValue()).toBe('session');
    await give.getByLabel('To', { exact: true }).selectOption(holder);
    await give.getByRole('button', { name: 'Give the proxy' }).click();
    // The session by its body and day, not its id.
    const granted = `${nameOf(grantor)} gives their proxy to ${nameOf(holder)}, for the session of `;
    await own.locator('.grants li', { hasText: granted }).waitFor();
    await checkPage(own, 'charter-03-console-proxy');
    await own.getByRole('button', { name: `Check out ${nameOf(grantor)}` }).click();
    await desk.getByRole('button', { name: `Check in ${nameOf(grantor)}` }).waitFor();
    await desk.locator('.grants li', { hasText: granted }).waitFor();

    // A vote after the amendment: the new board decides, the holder votes for the grantor.
    const late = await putMotion(desk, AFTER);
    await openVote(late);
    const proxy = phone[holder]!.locator('article.proxy', { hasText: AFTER });
    await proxy.getByText(`By proxy: ${nameOf(grantor)}'s ballot`).waitFor();
    await checkPage(phone[holder]!, 'charter-04-ballot-proxy');
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
      `adopted: 4 ayes against 1 nay, 1 abstention, majority of votes cast; ${members} of ${members} voting members present (1 by proxy), quorum ${meeting.quorum}`,
    );
    const decided = (await sessionNow(session)).motions.find((m) => m.text === AFTER)!;
    expect(decided.voted).toContain(grantor);
    expect(decided.voted).toContain(newcomer);
    await checkPage(desk, 'charter-05-console-decisions');
  });

  it('says in the protocol which vote the amendment overtook', SLOW, async () => {
    const protocol = await pageAs(meeting.directors[1]!, `/sessions/${meeting.session}/protocol`);
    const overtaken = 'Decided by the roster and rules in force when its vote opened';
    await protocol
      .locator('.minutes-item', { hasText: '3 ayes against 1 nay,' })
      .getByText(overtaken)
      .waitFor();
    // Only that one: the amendment itself and the vote after it were decided as they opened.
    expect(await protocol.getByText(overtaken).count()).toBe(1);
    await checkPage(protocol, 'charter-06-protocol-overtaken');
  });

  it('puts a re-invitation and issues its invitation from its card', SLOW, async () => {
    const { desk, phone, newcomer, directors } = meeting;
    const [a, b, c] = directors as [string, string, string];
    const invited = directors[5]!;
    const text = `${REINVITE}: ${nameOf(invited)}`;
    await desk.getByText('Put a re-invitation').click();
    const reinvite = desk.getByRole('form', { name: 'Put a re-invitation' });
    // Where an officer invites is a section of the organization's page: there is no People page.
    await reinvite
      .getByText(
        'An officer with a key invites from People, on the organization’s page; this is for when none can.',
      )
      .waitFor();
    await reinvite.getByLabel('Invite again').selectOption(invited);
    await reinvite.getByLabel('The motion').fill(text);
    await checkPage(desk, 'charter-07-reinvitation-form');
    await reinvite.getByRole('button', { name: 'Put the re-invitation' }).click();
    const card = motionCard(desk, text);
    await card.getByText(`This motion re-invites ${nameOf(invited)} to enrol a key.`).waitFor();
    await openVote(card);
    for (const person of [a, b, c, newcomer]) await vote(phone[person]!, text, 'Aye');
    expect(await closeVote(desk, card)).toMatch(/^Closing now records: adopted: 4 ayes/);
    await card.getByRole('button', { name: 'Issue the invitation' }).click();
    const link = card.locator('.invitation a');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/\/enrol#/);
    // Read again (someone arrives), the card names the invitation, offers no other, keeps the link.
    const back = directors[4]!;
    await desk.getByRole('button', { name: `Check in ${nameOf(back)}` }).click();
    await card.getByText(/The invitation was issued: entry \d+/).waitFor();
    await link.waitFor();
    expect(await card.getByRole('button', { name: 'Issue the invitation' }).count()).toBe(0);
    await checkPage(desk, 'charter-08-reinvitation-issued');
  });

  it('ran without script errors or refusals by the page policy', () => {
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});

/** A server over the example's first charter where only the secretary holds a key (enrolled
 * from the command line), and her page of the organization, signed in by her own key. */
async function keyedServer(): Promise<{
  served: Served;
  org: Organization;
  secretary: ApiMember;
}> {
  const data = dataFolder();
  const db = join(data, 'collegium.db');
  const file = join(EXAMPLES, 'cooperative-board', 'charter.yaml');
  execFileSync(process.execPath, [COLLEGIUM, 'init', '--charter', file, '--db', db]);
  const charter = parse(readFileSync(file, 'utf8')) as {
    bodies: Record<string, { secretary?: string; proxies?: unknown }>;
  };
  const secretary = Object.values(charter.bodies).find((b) => b.secretary && b.proxies)!.secretary!;
  const pair = generateKeyPair();
  const key = `ed25519:${toBase64(pair.publicKey)}`;
  execFileSync(process.execPath, [COLLEGIUM, 'enrol', secretary, key, '--db', db]);
  const served = await serve(data);
  const member = new ApiMember(served.url, secretary, pair);
  await member.login();
  const org = (await (await fetch(`${served.url}/api/organization`)).json()) as Organization;
  return { served, org, secretary: member };
}

/** A new device of `served` that enrols by the invitation `link`. */
async function enrolled(served: Served, link: string, options: BrowserContextOptions) {
  const watched = await openPage(demo.browser, options);
  pages.push(watched);
  await watched.page.goto(new URL(link, served.url).href);
  await watched.page.getByRole('button', { name: 'Make my key and enrol' }).click();
  await watched.page.getByText(/Your enrolment is entry \d+/).waitFor();
  return watched.page;
}

describe.skipIf(!HAVE_CHROMIUM)('a proxy recorded on the console', () => {
  it(
    'is recorded by the secretary for a director without a key, and used by its holder',
    { timeout: 180_000 },
    async () => {
      const { served: real, org: first, secretary: officer } = await keyedServer();
      const secretary = officer.person;
      try {
        const body = first.bodies.find((b) => b.secretary === secretary && b.proxies)!;
        const [holder, grantor, ...others] = votingMembers(body);
        const name = (id: string) => first.people.find((p) => p.id === id)?.name ?? id;
        // The secretary's laptop and the holder's phone enrol keys of their own.
        const desk = await enrolled(real, (await officer.invite(secretary)).url, LAPTOP);
        const phone = await enrolled(real, (await officer.invite(holder!)).url, PHONE);

        await desk.goto(real.url);
        const form = desk.locator('form', { hasText: `Open a session of ${body.name}` });
        await form.getByLabel('Title').fill('Proxies under test');
        await form.getByRole('button', { name: 'Open the session' }).click();
        await desk.waitForURL(/\/sessions\/[^/]+$/);
        const session = decodeURIComponent(new URL(desk.url()).pathname.split('/')[2]!);

        // The grantor has no key: the secretary records his proxy, for this session by default.
        const record = desk.getByRole('form', {
          name: 'Record a proxy for a member without a key',
        });
        expect(await record.getByLabel('For how long').inputValue()).toBe('session');
        await record.getByLabel('For', { exact: true }).selectOption(grantor!);
        await record.getByLabel('To', { exact: true }).selectOption(holder!);
        await checkPage(desk, 'charter-09-console-record-proxy', false);
        await record.getByRole('button', { name: 'Give the proxy' }).click();
        const granted = `${name(grantor!)} gives their proxy to ${name(holder!)}, for the session of `;
        await desk.locator('.grants li', { hasText: granted }).waitFor();
        const log = (await (await fetch(`${real.url}/api/log?from=0&limit=500`)).json()) as LogPage;
        const grant = log.entries.flatMap((e) => (e.entry ? [e.entry] : [])).at(-1)!;
        expect(grant).toMatchObject({
          type: 'proxy.grant',
          actor: grantor,
          signer: secretary,
          payload: { body: body.id, holder, session },
        });

        // The holder checks in; the secretary checks in three more (they have no key); a vote.
        await phone.goto(`${real.url}/sessions/${encodeURIComponent(session)}/ballot`);
        await phone.getByRole('button', { name: 'Check in' }).click();
        await phone.getByText('You are checked in.').waitFor();
        for (const person of others.slice(0, 3))
          await desk.getByRole('button', { name: `Check in ${name(person)}` }).click();
        await desk.getByText('Quorum is met.').waitFor();
        const card = await putMotion(desk, AFTER);
        await openVote(card);

        // On his phone, the holder casts his own ballot and the grantor's.
        await vote(phone, AFTER, 'Aye');
        const proxy = phone.locator('article.proxy', { hasText: AFTER });
        await proxy.getByRole('button', { name: `Aye for ${name(grantor!)}` }).click();
        await proxy.locator('.receipt', { hasText: `${name(grantor!)}'s ballot` }).waitFor();
        await checkPage(phone, 'charter-10-ballot-recorded-proxy', false);
        const said = await closeVote(desk, card);
        const members = votingMembers(body).length;
        expect(said).toContain(
          `adopted: 2 ayes against 0 nays, majority of votes cast; 5 of ${members} voting members present (1 by proxy)`,
        );
        expect(pages.flatMap((p) => p.problems)).toEqual([]);
      } finally {
        await real.stop();
      }
    },
  );
});
