/**
 * Preparing a meeting in Chromium against a real demo server: the chair of a body convenes a
 * session from the organization page with an agenda of two items (the first with its motion's
 * wording and a file; a third item added, moved and removed again), the form accessible and
 * fitting a phone; the session convened is listed with its agenda, opened on its notice, an
 * apology recorded on the console, and the first item's motion put from the agenda, which then
 * shows it proposed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BodyInfo, Organization, Session, SessionSummary } from '../../src/web/lib/types.js';
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
import { DemoClient } from './demo-client.js';
import { dayInWords } from '../../src/core/minutes/words.js';

const SLOW = { timeout: 90_000 };
const TITLE = 'Spring meeting under test';
const BUDGET = 'Adopt the budget for next year.';
const FILE = { name: 'budget.txt', mimeType: 'text/plain', buffer: Buffer.from('Budget lines.\n') };

let org: Organization;
let body: BodyInfo;
const pages: WatchedPage[] = [];

const demo = demoInChromium({ name: 'convene', pages });

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  org = (await (await fetch(`${demo.served.url}/api/organization`)).json()) as Organization;
  const found = org.bodies.find((b) => b.chair && voting(b).length >= 3);
  if (!found) throw new Error('the demo has no body with a chair and three voting members');
  body = found;
});

const voting = (b: BodyInfo) => b.members.filter((p) => !b.candidates.includes(p));
const nameOf = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;

/** The chair's page at `path`, on a laptop or a phone. */
async function chairAt(path: string, options = LAPTOP): Promise<Page> {
  const watched = await openPage(demo.browser, options);
  pages.push(watched);
  await watched.page.goto(`${demo.served.url}${path}`);
  await actAs(watched.page, body.chair!, nameOf(body.chair!));
  return watched.page;
}

async function api<T>(path: string): Promise<T> {
  return (await (await fetch(`${demo.served.url}${path}`)).json()) as T;
}

/** Fills the convene form: the title, two items (the first with its motion and a file), and a
 * third item added, moved up and removed again. */
async function fillNotice(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Convene a session' });
  await form.getByLabel('Title', { exact: true }).first().fill(TITLE);
  const item = (n: number) => form.getByRole('group', { name: `Item ${n}` });
  await item(1).getByLabel('Title').fill('The budget');
  await item(1).getByLabel('Motion (optional wording)').fill(BUDGET);
  await item(1).getByLabel('Attachments (optional)').setInputFiles(FILE);
  await item(1).getByText(FILE.name).waitFor();
  await form.getByRole('button', { name: 'Add an item' }).click();
  await item(2).getByLabel('Title').fill('Any other business');
  await form.getByRole('button', { name: 'Add an item' }).click();
  await item(3).getByLabel('Title').fill('Withdrawn again');
  await form.getByRole('button', { name: 'Move up item 3' }).click();
  expect(await item(2).getByLabel('Title').inputValue()).toBe('Withdrawn again');
  await form.getByRole('button', { name: 'Remove item 2' }).click();
  expect(await form.getByRole('group').count()).toBe(2);
  expect(await item(2).getByLabel('Title').inputValue()).toBe('Any other business');
}

describe.skipIf(!HAVE_CHROMIUM)('convening a session with an agenda', () => {
  let session: string;
  let console: Page;

  it('fits a phone and passes axe', SLOW, async () => {
    const phone = await chairAt(`/sessions/new?body=${encodeURIComponent(body.id)}`, PHONE);
    await fillNotice(phone);
    await checkPage(phone, 'convene-01-form-phone');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'the convene form overflows a 390 px screen').toBeLessThanOrEqual(390);
    // A past date is said before anything is sent, which the record would refuse.
    await phone.getByLabel('Date', { exact: true }).fill('2020-01-01');
    await phone
      .getByText('The date, 1 January 2020, is past: a notice convenes a meeting to come.')
      .waitFor();
    expect(await phone.getByRole('button', { name: 'Convene the session' }).isDisabled()).toBe(
      true,
    );
    // Days in words, as every page says them, not as the date field stores them.
    const day = new Date().toISOString().slice(0, 10);
    await phone.getByLabel('Date', { exact: true }).fill(day);
    await phone
      .getByText(
        new RegExp(
          `^The charter requires 7 days' notice: a session on ${dayInWords(day)} would be flagged as opened without it\\. The earliest date for a notice sent now is \\d+ \\w+ \\d{4}\\.$`,
        ),
      )
      .waitFor();
    // And a date more than a year ahead (a mistyped year).
    const far = `${new Date().getUTCFullYear() + 2}-06-01`;
    await phone.getByLabel('Date', { exact: true }).fill(far);
    await phone
      .getByText(/is more than a year ahead: a notice convenes a meeting within a year\./)
      .waitFor();
    expect(await phone.getByRole('button', { name: 'Convene the session' }).isDisabled()).toBe(
      true,
    );
    // So is a session id the record holds already, typed over the one offered.
    const held = (await api<SessionSummary[]>('/api/sessions'))[0]!.id;
    const soon = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await phone.getByLabel('Date', { exact: true }).fill(soon);
    await phone.getByLabel('Session id').fill(` ${held} `);
    await phone
      .getByText(`The session id ${held} is taken: the record holds a session under it already.`)
      .waitFor();
    expect(await phone.getByRole('button', { name: 'Convene the session' }).isDisabled()).toBe(
      true,
    );
  });

  it('convenes from the organization page, and lists the notice', SLOW, async () => {
    const home = await chairAt('/');
    const card = home.locator('article.body-card', { hasText: body.name }).first();
    await card.getByRole('link', { name: 'Convene a session with an agenda' }).click();
    await home.waitForURL(/\/sessions\/new\?body=/);
    await fillNotice(home);
    await checkPage(home, 'convene-02-form');
    await home.getByRole('button', { name: 'Convene the session' }).click();
    await home.waitForURL(`${demo.served.url}/`);
    const agenda = home.getByRole('list', { name: `Agenda of ${TITLE}` });
    await agenda.waitFor();
    expect(await agenda.locator('li').allTextContents()).toEqual([
      'The budget',
      'Any other business',
    ]);
    const convened = (await api<SessionSummary[]>('/api/sessions')).find((s) => s.convened);
    expect(convened).toMatchObject({ body: body.id, title: TITLE, open: false });
    expect(convened!.notice!.agenda).toEqual([
      expect.objectContaining({
        item: '1',
        motion: BUDGET,
        attachments: [expect.objectContaining({ name: FILE.name, size: FILE.buffer.length })],
      }),
      expect.objectContaining({ item: '2', title: 'Any other business' }),
    ]);
    session = convened!.id;
    // Its day is said in words wherever it is shown, never as the record's ISO day.
    const day = dayInWords(convened!.date!);
    expect(day).not.toBe(convened!.date);
    const said = home.locator('li.card', { hasText: TITLE }).locator('.meta');
    expect(await said.innerText()).toContain(`${body.name} · ${day} ·`);

    const open = home.locator('form', { hasText: `Open a session of ${body.name}` }).first();
    expect(await open.getByLabel('Convened').inputValue()).toBe(session);
    expect(await open.getByLabel('Convened').locator('option:checked').innerText()).toBe(
      `${TITLE} (${day})`,
    );
    await open.getByRole('button', { name: 'Open the session' }).click();
    await home.waitForURL(new RegExp(`/sessions/${session}$`));
    await home.getByRole('heading', { name: TITLE }).waitFor();
    expect(await home.locator('.session-header .meta').innerText()).toContain(
      `${body.name} · ${day} ·`,
    );
    // Opened the moment it was convened: flagged, in words a reader reads ("0 days" in the record).
    expect(await home.locator('ul.flags li').allTextContents()).toEqual([
      expect.stringMatching(
        /^opened less than a day after its notice of \d+ \w+ \d{4}: the charter requires 7 days' notice$/,
      ),
    ]);
    console = home;
  });

  it('records an apology and puts the first item’s motion from the agenda', SLOW, async () => {
    const absent = voting(body).find((p) => p !== body.chair)!;
    const name = nameOf(absent);
    await console.getByRole('button', { name: `Apology from ${name}` }).click();
    const apology = console.getByRole('form', { name: `Recording an apology from ${name}` });
    await apology.getByLabel('Reason (optional)').fill('travelling');
    await apology.getByRole('button', { name: 'Record the apology' }).click();
    await console.getByText('excused: travelling').waitFor();

    const agenda = console.getByRole('region', { name: 'Agenda' });
    await agenda.getByText('no motion yet').first().waitFor();
    await agenda.getByRole('button', { name: 'Put the motion of item 1: The budget' }).click();
    const form = console.getByRole('form', { name: 'Put a motion' });
    // The form is filled in after the click, on the next render: wait for it, then read it.
    await form.getByText('Under agenda item 1: The budget').waitFor();
    await expect.poll(() => form.getByLabel('New motion').inputValue()).toBe(BUDGET);
    await form.getByRole('button', { name: 'Put the motion' }).click();
    await agenda.locator('li', { hasText: 'The budget' }).getByText('motion proposed').waitFor();
    await checkPage(console, 'convene-03-console');

    const now = await api<Session>(`/api/sessions/${session}`);
    expect(now.excused).toEqual([
      expect.objectContaining({ person: absent, reason: 'travelling' }),
    ]);
    expect(now.motions).toEqual([expect.objectContaining({ text: BUDGET, item: '1' })]);
    expect(now.notice?.agenda.map((i) => i.item)).toEqual(['1', '2']);

    // The minutes quote the item's motion as its own sentence: no full stop after its own.
    await console.goto(`${demo.served.url}/sessions/${session}/minutes`);
    const item = console.getByRole('region', { name: 'Agenda' }).locator('li').first();
    await item.waitFor();
    expect(await item.innerText()).toMatch(
      new RegExp(`^The budget\\. Motion drafted: “${BUDGET.replace('.', '\\.')}” Attached`),
    );
  });

  it('offers an item’s motion no more while its vote is open', SLOW, async () => {
    const office = await DemoClient.as(demo.served.url, body.chair!);
    for (const person of voting(body)) await office.act('attendance.arrive', { session, person });
    await console.goto(`${demo.served.url}/sessions/${session}`);
    const agenda = console.getByRole('region', { name: 'Agenda' });
    const put = agenda.getByRole('button', { name: 'Put the motion of item 1: The budget' });
    await put.waitFor();
    await console.getByRole('button', { name: 'Open the vote' }).click();
    await agenda.locator('li', { hasText: 'The budget' }).getByText('vote open').waitFor();
    expect(await put.count()).toBe(0);
    // The motion is numbered by its place in the session, as the minutes number it, not by its id.
    const meta = await console
      .locator('article.motion', { hasText: BUDGET })
      .locator('.meta')
      .first();
    expect(await meta.innerText()).toMatch(/^Motion 1 · /);
  });

  it('names an agenda item by its place and title where its id is a word', SLOW, async () => {
    const office = await DemoClient.as(demo.served.url, body.chair!);
    const worded = 'worded-agenda';
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await office.act('session.convene', {
      session: worded,
      body: body.id,
      date,
      title: 'Worded agenda',
      agenda: [
        { item: 'item-roof', title: 'The roof', motion: 'Mend the roof.' },
        { item: 'item-budget', title: 'The budget' },
        { item: 'item-minutes', title: 'The minutes', minutes: session },
      ],
    });
    await office.act('session.open', { session: worded, body: body.id, mode: 'live' });
    const page = await chairAt(`/sessions/${worded}`);
    const agenda = page.getByRole('region', { name: 'Agenda' });
    await agenda.getByRole('button', { name: 'Put the motion of item 2: The budget' }).waitFor();
    await agenda.getByRole('button', { name: 'Put the motion of item 1: The roof' }).click();
    const form = page.getByRole('form', { name: 'Put a motion' });
    await form.getByText('Under agenda item 1: The roof').waitFor();
    // Its id is for the record: a sighted reader sees the item's place and title only.
    expect(await page.locator('main').innerText()).not.toMatch(/item-(roof|budget)/);
    // The minutes an item approves are named by their session's body, day and title.
    await agenda.getByRole('button', { name: 'Put the motion of item 3: The minutes' }).click();
    await form
      .getByText(
        `Under agenda item 3: The minutes (it approves the minutes of the session of ${body.name} on`,
      )
      .waitFor();
    expect(await form.getByRole('status').innerText()).not.toContain(session);
  });

  it('tells apart two sessions convened with one title for one day', SLOW, async () => {
    const office = await DemoClient.as(demo.served.url, body.chair!);
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const twins = ['twin-session-a', 'twin-session-b'];
    for (const twin of twins)
      await office.act('session.convene', {
        session: twin,
        body: body.id,
        date,
        title: 'Twin meeting',
        agenda: [{ item: '1', title: 'Any other business' }],
      });
    const home = await chairAt('/');
    const open = home.locator('form', { hasText: `Open a session of ${body.name}` }).first();
    const options = open.getByLabel('Convened').locator('option');
    await expect.poll(() => options.filter({ hasText: 'Twin meeting' }).count()).toBe(2);
    const said = (await options.allTextContents()).filter((o) => o.startsWith('Twin meeting'));
    const day = dayInWords(date);
    expect(said).toEqual(twins.map((twin) => `Twin meeting (${day}), session ${twin}`));
  });
});
