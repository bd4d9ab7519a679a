/**
 * Deciding between meetings in Chromium against a real demo server (the cooperative board). The
 * secretary puts a question to three directors by unanimous consent; they answer from three
 * phones (390 x 844) from their inboxes, each reminded on the organization page; the outcome
 * forms live on the secretary's page and the circulation closes by itself once it cannot change.
 * Then an answer the secretary records by telephone is disputed on the director's phone and the
 * question withdrawn; and a dispatch is registered with an attachment hashed in the browser,
 * downloaded again, referred with an inscription and found in the register. Last, a committee's
 * decision stands provisionally until the board ratifies it by a motion put on the console. Every
 * page is checked with axe-core, and for horizontal overflow on a phone.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BodyInfo, CirculationView, LogPage, Organization } from '../../src/web/lib/types.js';
import { DemoClient } from './demo-client.js';
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

const SLOW = { timeout: 120_000 };
let org: Organization;
const pages: WatchedPage[] = [];

const demo = demoInChromium({ name: 'between', pages });

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  org = (await (await fetch(`${demo.served.url}/api/organization`)).json()) as Organization;
});

const nameOf = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;

/** The board: a secretary who is not a director, and three directors who are not officers. */
function cast(): { board: BodyInfo; secretary: string; directors: string[] } {
  const board = org.bodies.find((b) => b.secretary && !b.parent);
  if (!board) throw new Error('the demo organization has no board with a secretary');
  const directors = board.members.filter(
    (p) => !board.candidates.includes(p) && p !== board.chair && p !== board.secretary,
  );
  if (directors.length < 3) throw new Error('the board has fewer than three directors');
  return { board, secretary: board.secretary!, directors: directors.slice(0, 3) };
}

async function open(options = PHONE): Promise<Page> {
  const watched = await openPage(demo.browser, options);
  pages.push(watched);
  return watched.page;
}

/** Opens `path` as `person` (through the demo's picker). */
async function visitAs(page: Page, path: string, person: string): Promise<void> {
  await page.goto(`${demo.served.url}${path}`);
  await actAs(page, person, nameOf(person));
}

/** Nothing is wider than the phone's screen: no sideways scrolling. */
async function expectNoOverflow(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(
    '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
  );
  const { page: width, screen } = widths as { page: number; screen: number };
  expect(width, `${what} is ${width} px wide on a ${screen} px screen`).toBeLessThanOrEqual(screen);
}

/** The decision shown in a page's outcome section (the forming or the final one). */
const outcomeOf = (page: Page) => page.locator('.forming .decision, .final .decision').first();

describe.skipIf(!HAVE_CHROMIUM)('between meetings in the browser', () => {
  it('a question answered from three phones closes by itself once settled', SLOW, async () => {
    const { board, secretary, directors } = cast();
    const names = directors.map(nameOf);

    // The secretary puts the question to three chosen directors, by unanimous consent.
    const office = await open(LAPTOP);
    await visitAs(office, '/circulations/new', secretary);
    const form = office.getByRole('form', { name: 'Put a question' });
    await form.getByLabel('Body', { exact: true }).selectOption(board.id);
    await form.getByLabel('The question').fill('Shall the courtyard be repaved before winter?');
    await form.getByLabel('Chosen members (a consultation)').check();
    for (const name of names) await form.getByLabel(name, { exact: true }).check();
    await form.getByLabel('Decided by').selectOption('unanimous');
    await checkPage(office, '40-put-question');
    await form.getByRole('button', { name: 'Put the question' }).click();
    await office.waitForURL((url) => /^\/circulations\/(?!new$)[^/]+$/.test(url.pathname));
    const id = decodeURIComponent(new URL(office.url()).pathname.split('/')[2]!);
    await office.getByRole('heading', { name: /courtyard be repaved/ }).waitFor();
    await office.getByText('unanimous consent of every member asked').waitFor();
    await expect.poll(() => outcomeOf(office).getAttribute('data-outcome')).toBe('rejected');
    await office
      .getByText(/It can still change: 0 of 3 members asked have an answer counted so far/)
      .waitFor();
    await office.locator('.countdown', { hasText: /^2 d 23 h left$/ }).waitFor();
    await checkPage(office, '41-circulation-forming');

    // Each director is reminded on the organization page and answers from the inbox.
    const phones = await Promise.all(directors.map(() => open(PHONE)));
    await Promise.all(
      phones.map(async (phone, i) => {
        await visitAs(phone, '/', directors[i]!);
        await phone.getByText('You have a question to answer.').waitFor();
        await phone.getByRole('link', { name: 'Open your inbox' }).click();
        await phone.getByRole('heading', { name: /courtyard be repaved/ }).waitFor();
        await phone.getByRole('link', { name: 'Inbox (1)' }).waitFor();
      }),
    );
    await checkPage(phones[0]!, '42-inbox-phone');
    await expectNoOverflow(phones[0]!, 'the inbox');

    const answer = async (phone: Page, choice: string, comment?: string) => {
      if (comment) await phone.getByLabel('Comment (optional)').fill(comment);
      await phone.getByRole('button', { name: choice, exact: true }).click();
      await phone.locator('.receipt', { hasText: /is entry \d+ of the record/ }).waitFor();
    };
    await answer(phones[0]!, 'Aye', 'Before the frost, please.');
    await office.getByText('The members consulted: 1 of 3 answered').waitFor();
    await office.locator('.forming .explanation', { hasText: /1 aye/ }).waitFor();
    await office.locator(`[data-member="${directors[0]}"] .comment`).waitFor();
    await answer(phones[1]!, 'Aye');
    await office.getByText('The members consulted: 2 of 3 answered').waitFor();
    await checkPage(phones[1]!, '43-inbox-answered');

    // Everyone watches the question's page; the third aye settles it, and it closes by itself.
    for (const phone of phones.slice(0, 2)) {
      await phone.getByRole('link', { name: 'Details and outcome' }).click();
      await phone.getByRole('heading', { name: 'The outcome as it forms' }).waitFor();
    }
    await phones[2]!.getByRole('link', { name: 'Details and outcome' }).click();
    await phones[2]!.getByRole('heading', { name: 'Your answer' }).waitFor();
    await checkPage(phones[2]!, '44-circulation-phone');
    await expectNoOverflow(phones[2]!, 'the question’s page');
    await answer(phones[2]!, 'Aye');
    for (const page of [office, ...phones]) {
      await page.locator('.final[data-final="adopted"]').waitFor({ timeout: 5_000 });
      await page.getByRole('heading', { name: 'The outcome', exact: true }).waitFor();
    }
    expect(await office.locator('.final .explanation').textContent()).toMatch(
      /^adopted by unanimous consent: 3 ayes/,
    );
    await checkPage(office, '45-circulation-closed');
    await phones[0]!.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
    const state = (await (await fetch(`${demo.served.url}/api/circulations/${id}`)).json()) as {
      status: string;
      closedAt?: number;
    };
    expect(state.status).toBe('closed');
    // Closed by the organization, right after the answer that settled it.
    const log = `${demo.served.url}/api/log?from=${state.closedAt}&limit=1`;
    const close = (await (await fetch(log)).json()) as LogPage;
    expect(close.entries[0]!.entry).toMatchObject({ type: 'circulation.close', actor: null });

    // The register lists it among the closed ones.
    await office.getByRole('link', { name: 'Questions', exact: true }).click();
    await office.getByLabel('Showing').selectOption('closed');
    await office.locator(`[data-circulation="${id}"]`, { hasText: 'Adopted' }).waitFor();
    await checkPage(office, '46-circulations-register');
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });

  it('an answer recorded by telephone is disputed on the phone', SLOW, async () => {
    const { board, secretary, directors } = cast();
    const [member] = directors as [string];
    const office = await open(LAPTOP);
    await visitAs(office, `/circulations/new?body=${board.id}`, secretary);
    const form = office.getByRole('form', { name: 'Put a question' });
    await form.getByLabel('The question').fill('Shall the laundry room open on Sundays?');
    await form.getByLabel('Decided by').selectOption('votes-cast');
    await form.getByRole('button', { name: 'Put the question' }).click();
    await office.getByRole('heading', { name: /laundry room/ }).waitFor();
    await office.getByText('The members asked: 0 of').waitFor();
    const record = office.getByRole('form', { name: 'Record an answer for a member' });

    // A director chosen who then answers on their own stays chosen: the form says so and
    // offers to record nothing, rather than moving to another member.
    const other = directors[1]!;
    const id = new URL(office.url()).pathname.split('/').pop()!;
    await record.getByLabel('Member').selectOption(other);
    const answering = await DemoClient.as(demo.served.url, other);
    await answering.act('circulation.answer', { circulation: id, member: other, choice: 'aye' });
    await record.getByText(`${nameOf(other)} has answered meanwhile`).waitFor();
    await expect(
      record.getByRole('button', { name: 'Record the answer' }).isDisabled(),
    ).resolves.toBe(true);

    // The secretary records the director's answer, given by telephone.
    await record.getByLabel('Member').selectOption(member);
    await record.getByLabel('Answer').selectOption('nay');
    await record.getByLabel('It came by').selectOption('telephone');
    await record.getByRole('button', { name: 'Record the answer' }).click();
    const row = office.locator(`[data-member="${member}"]`);
    await row.getByText(/by telephone, recorded by .*; not yet confirmed by the member/).waitFor();
    await checkPage(office, '47-answer-recorded');

    // On the phone the director sees it to confirm, and disputes it.
    const phone = await open(PHONE);
    await visitAs(phone, '/', member);
    await phone.getByText('You have an answer recorded for you to confirm.').waitFor();
    await phone.getByRole('link', { name: 'Open your inbox' }).click();
    await phone.getByText(/recorded your answer: Nay/).waitFor();
    await checkPage(phone, '48-inbox-confirm');
    await expectNoOverflow(phone, 'the inbox with an answer to confirm');
    await phone.getByRole('button', { name: 'Dispute', exact: true }).click();
    await phone.getByLabel('Why is it not your answer? (optional)').fill('I said aye.');
    await phone.getByRole('button', { name: 'Send the dispute' }).click();
    await row.getByText('disputed: I said aye.').waitFor();

    // Disputed, it no longer counts: the director answers for themself.
    await phone.getByText('You disputed the answer recorded for you: answer here.').waitFor();
    await phone.getByRole('button', { name: 'Aye', exact: true }).click();
    await row.getByText(/signed by the member/).waitFor();

    // The secretary withdraws the question, with a reason, after a confirmation.
    await office.getByRole('button', { name: 'Withdraw the question' }).click();
    const dialog = office.getByRole('dialog', { name: 'Withdraw the question?' });
    await dialog.getByLabel('Why (optional)').fill('Put to the next session instead.');
    await dialog.getByRole('button', { name: 'Withdraw it' }).click();
    await office.getByText('Withdrawn: Put to the next session instead.').waitFor();
    await phone.getByText('No question is waiting for you.').waitFor();
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });

  it('a dispatch is registered with an attachment and referred', SLOW, async () => {
    const { board, secretary, directors } = cast();
    const office = await open(PHONE);
    await visitAs(office, '/', secretary);
    await office.getByRole('link', { name: 'Dispatches', exact: true }).click();
    await office.getByRole('heading', { name: 'The register of dispatches' }).waitFor();
    await office.getByRole('link', { name: 'Register a dispatch' }).click();

    const letter = Buffer.from('To the board: the boiler in block C failed again on Monday.\n');
    const form = office.getByRole('form', { name: 'Register a dispatch' });
    await form.getByLabel('Register of').selectOption(board.id);
    await form.getByLabel('From').fill('Residents of block C');
    await form.getByLabel('It came by').selectOption('letter');
    await form.getByLabel('Text').fill('The boiler has failed three times this month.');
    await form
      .getByLabel('Attachments (optional)')
      .setInputFiles({ name: 'boiler-letter.txt', mimeType: 'text/plain', buffer: letter });
    const hash = createHash('sha256').update(letter).digest('hex');
    await form.getByText(`sha256 ${hash}`).waitFor();
    const number = await form.getByLabel('Number (optional)').getAttribute('placeholder');
    expect(number).toMatch(/^\d{4}\/\d+$/);
    await checkPage(office, '50-register-dispatch');
    await expectNoOverflow(office, 'the form registering a dispatch');
    await form.getByRole('button', { name: 'Register the dispatch' }).click();
    await office.getByRole('heading', { name: `Dispatch No. ${number} registered` }).waitFor();

    // The attachment comes back byte for byte.
    const link = office.getByRole('link', { name: 'boiler-letter.txt' });
    expect(await link.getAttribute('href')).toBe(`/api/attachments/${hash}`);
    const download = await fetch(`${demo.served.url}/api/attachments/${hash}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(letter)).toBe(true);

    // Referred with an inscription to two directors.
    const refer = office.getByRole('form', { name: 'Refer it' });
    await refer.getByLabel('Inscription').fill('Ask the two of them about a new boiler.');
    for (const person of directors.slice(0, 2))
      await refer.getByLabel(nameOf(person), { exact: true }).check();
    await refer.getByRole('button', { name: 'Refer the dispatch' }).click();
    await office.getByRole('heading', { name: `Dispatch No. ${number} referred` }).waitFor();
    await office.locator('.referrals li', { hasText: 'Ask the two of them' }).waitFor();
    await checkPage(office, '51-dispatch-referred');
    await expectNoOverflow(office, 'the dispatch');

    // The register finds it by its sender, among the referred.
    await office.getByRole('link', { name: 'Dispatches', exact: true }).click();
    await office.getByLabel('Showing').selectOption('referred');
    await office.getByLabel('Search').fill('block C');
    await office.locator('[data-dispatch]', { hasText: 'Residents of block C' }).waitFor();
    await checkPage(office, '52-dispatch-register');
    await expectNoOverflow(office, 'the register of dispatches');

    // A question put on it from its page names it.
    await office.locator('[data-dispatch] a').first().click();
    await office.getByRole('link', { name: 'Open a circulation on it' }).click();
    await expect.poll(() => office.getByLabel('It answers the dispatch').inputValue()).not.toBe('');
    await expectNoOverflow(office, 'the form putting a question');
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });

  it('a committee’s decision is ratified by a motion of the board', SLOW, async () => {
    const { board, secretary } = cast();
    const committee = org.bodies.find((b) => b.parent === board.id && b.powers.length > 0);
    if (!committee) throw new Error('the demo has no committee reporting to the board');
    const members = committee.members.filter((p) => !committee.candidates.includes(p));
    const url = demo.served.url;

    // A committee member puts a question to the committee, under its power, on a phone.
    const phone = await open(PHONE);
    await visitAs(phone, `/circulations/new?body=${committee.id}`, members[0]!);
    const form = phone.getByRole('form', { name: 'Put a question' });
    await form.getByLabel('The question').fill('Shall the committee buy a new boiler pump?');
    await form.getByLabel('Under the power').selectOption(committee.powers[0]!);
    await form.getByLabel('Decided by').selectOption('unanimous');
    await expectNoOverflow(phone, 'the form putting a question');
    await form.getByRole('button', { name: 'Put the question' }).click();
    await phone.waitForURL((u) => /^\/circulations\/(?!new$)[^/]+$/.test(u.pathname));
    const id = decodeURIComponent(new URL(phone.url()).pathname.split('/')[2]!);
    for (const member of members)
      await (
        await DemoClient.as(url, member)
      ).act('circulation.answer', {
        circulation: id,
        member,
        choice: 'aye',
      });
    await phone.locator('.final[data-final="adopted"]').waitFor();
    await phone.getByText(`It stands until a session of ${board.name} ratifies it`).waitFor();

    // The secretary opens a session of the board with a quorum present.
    const office = await DemoClient.as(url, secretary);
    const session = `ratify-${Date.now().toString(36)}`;
    await office.act('session.open', {
      session,
      body: board.id,
      mode: 'live',
      title: 'Ratifications',
    });
    const directors = board.members.filter((p) => !board.candidates.includes(p));
    for (const person of directors) await office.act('attendance.arrive', { session, person });

    // On the console, the decision awaits ratification; a motion put to ratify it is adopted.
    const console = await open(LAPTOP);
    await visitAs(console, `/sessions/${session}`, secretary);
    const awaiting = console.getByRole('region', { name: 'Awaiting ratification' });
    // Named in words, never by the circulation's id.
    const pump = /^the question "Shall the committee buy a new boiler pump\?" put to .+ \(/;
    await awaiting.getByRole('link', { name: pump }).waitFor();
    expect(await awaiting.textContent()).not.toContain(id);
    await checkPage(console, '53-console-awaiting-ratification');
    const motionForm = console.getByRole('form', { name: 'Put a motion' });
    const ratifies = motionForm.getByLabel('It ratifies');
    const options = await ratifies.locator('option').allTextContents();
    expect(options).toContainEqual(expect.stringMatching(pump));
    expect(options.filter((o) => /\b(circulation|session) [a-z0-9-]+\b/.test(o))).toEqual([]);
    await ratifies.selectOption(JSON.stringify({ circulation: id }));
    expect(await motionForm.getByLabel('New motion').inputValue()).toMatch(/^Ratify: .*pump/);
    await motionForm.getByRole('button', { name: 'Put the motion' }).click();
    await console
      .getByText(/It ratifies the question "Shall the committee buy a new boiler pump\?" put to /)
      .waitFor();
    await console.getByRole('button', { name: 'Open the vote' }).click();
    await console.getByRole('button', { name: 'Close the vote', exact: true }).waitFor();
    for (const voter of directors)
      await (
        await DemoClient.as(url, voter)
      ).act('ballot.cast', {
        session,
        motion: 'motion-1',
        voter,
        choice: 'aye',
      });
    await console.getByRole('button', { name: 'Close the vote', exact: true }).click();
    await console
      .getByRole('dialog', { name: /Close the vote/ })
      .getByRole('button', { name: 'Record the decision' })
      .click();
    await console.locator('.decision[data-outcome="adopted"]').waitFor();
    // Ratified, it awaits no more (the board's own written resolutions may still).
    await awaiting.getByRole('link', { name: /new boiler pump/ }).waitFor({ state: 'detached' });

    // The question's page says by what it was ratified.
    await phone
      .getByText(/Ratified by motion 1 \(".+"\) of the session of Board of Directors on /)
      .waitFor();
    // Its chain names the motion that ratified it by its place and text, not by its id.
    const chain = phone.locator('ol.chain');
    await chain
      .getByRole('link', {
        name: /^motion 1 \("Ratify: .+"\) of the session of Board of Directors on /,
      })
      .waitFor();
    expect(await chain.textContent()).not.toContain('motion-1');
    const view = await office.get<CirculationView>(`/api/circulations/${id}`);
    expect(view.ratification).toMatchObject({ status: 'ratified', by: board.id });
    await checkPage(phone, '54-circulation-ratified');
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });

  it('a proxy’s session closed while it is given is not swapped for another', SLOW, async () => {
    const { board, secretary, directors } = cast();
    const url = demo.served.url;
    const office = await DemoClient.as(url, secretary);
    for (const session of ['race-x', 'race-y'])
      await office.act('session.open', { session, body: board.id, mode: 'live' });
    const page = await open(LAPTOP);
    await visitAs(page, '/', directors[2]!);
    const give = page.locator('form', { hasText: 'Give your proxy' });
    await give.getByLabel('For how long').selectOption('session');
    await give.getByLabel('Session').selectOption('race-x');
    await office.act('session.close', { session: 'race-x' });
    // Nothing is chosen, and nothing can be sent, until the member chooses again.
    await expect.poll(() => give.getByLabel('Session').inputValue()).toBe('');
    await expect(give.getByRole('button', { name: 'Give the proxy' }).isDisabled()).resolves.toBe(
      true,
    );
    await office.act('session.close', { session: 'race-y' });
  });

  it('a proxy’s motion decided while it is given is not swapped for another', SLOW, async () => {
    const { board, secretary, directors } = cast();
    const url = demo.served.url;
    const office = await DemoClient.as(url, secretary);
    const session = 'race-motions';
    await office.act('session.open', { session, body: board.id, mode: 'live' });
    for (const motion of ['m1', 'm2'])
      await office.act('motion.propose', { session, motion, text: `Motion ${motion}.` });
    const page = await open(LAPTOP);
    await visitAs(page, '/', directors[2]!);
    const give = page.locator('form', { hasText: 'Give your proxy' });
    await give.getByLabel('For how long').selectOption('motion');
    await give.getByLabel('Session').selectOption(session);
    await give.getByLabel('Motion').selectOption('m1');
    // The vote on it is opened and closed: decided, it takes no proxy any more.
    await office.act('vote.open', { session, motion: 'm1' });
    const closing = await office.get<{ payload: Record<string, unknown> }>(
      `/api/sessions/${session}/motions/m1/closing`,
    );
    await office.act('vote.close', closing.payload);
    // Nothing is chosen, and nothing can be sent, until the member chooses again.
    await expect.poll(() => give.getByLabel('Motion').inputValue()).toBe('');
    await expect(give.getByRole('button', { name: 'Give the proxy' }).isDisabled()).resolves.toBe(
      true,
    );
    await office.act('session.close', { session });
  });
});
