/**
 * Members' own keys in the browser, against a real server (not in demo mode): the secretary
 * invites a member; the member's browser makes a non-extractable Ed25519 key, enrols it by a
 * signed act, signs in again later by a signed challenge, and checks in and votes with acts it
 * signs itself, which the record then shows signed by that key.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayInWords } from '../../src/core/minutes/words.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { LogPage, Organization } from '../../src/web/lib/types.js';
import { ApiMember } from './api-member.js';
import {
  checkPage,
  CHROMIUM,
  boardForMembers,
  launchChromium,
  openPage,
  PHONE,
  serve,
} from './harness.js';
import type { Served, WatchedPage } from './harness.js';

const haveChromium = existsSync(CHROMIUM);
let served: Served | undefined;
let browser: Browser | undefined;
const secretary = { person: 'hana', ...generateKeyPair() };

beforeAll(async () => {
  if (!haveChromium) return;
  // The demo's board, its record open to its members only, as a real organization's would be.
  const { data } = boardForMembers(secretary);
  [served, browser] = await Promise.all([serve(data), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe.skipIf(!haveChromium)('keys in the browser', () => {
  it('enrols, signs in by challenge, and signs its own acts', { timeout: 60_000 }, async () => {
    const url = served!.url;
    const hana = new ApiMember(url, secretary.person, secretary);
    await hana.login();
    const { url: link } = await hana.invite('ben');
    expect(link).toMatch(/\/enrol#/);

    // Ben opens the link on his phone; his browser makes his key and enrols it.
    const watched: WatchedPage = await openPage(browser!, PHONE);
    const { page, context } = watched;
    await page.goto(new URL(link, url).href);
    await page.getByText('Ben Lindqvist, you are invited').waitFor();
    // Until when, said to the minute as every time of the app is, not to the second.
    const until = await page.getByText('The invitation works once, until').innerText();
    expect(until).toMatch(/until .*2\d{3}.*\d:\d\d/);
    expect(until).not.toMatch(/\d:\d\d:\d\d/);
    await checkPage(page, '20-enrol-invitation', false);
    await page.getByRole('button', { name: 'Make my key and enrol' }).click();
    const enrolment = await page.getByText(/Your enrolment is entry \d+/).innerText();
    await page.locator('.who strong', { hasText: 'Ben Lindqvist' }).waitFor();
    await checkPage(page, '21-enrol-done', false);
    // The link opened again in this browser, which keeps the key made for it: that key used the
    // invitation, and is signed in with again, the enrolment the record holds its receipt.
    const reopened = await context.newPage();
    await reopened.goto(new URL(link, url).href);
    await reopened.getByText('This invitation enrolled the key this browser keeps').waitFor();
    expect(await reopened.getByText(/Your enrolment is entry \d+/).innerText()).toBe(enrolment);
    // Opened on another device: it has enrolled one key, and says when.
    const elsewhere = await openPage(browser!, PHONE);
    await elsewhere.page.goto(new URL(link, url).href);
    const used = elsewhere.page.getByRole('alert').filter({ hasText: 'was used on' });
    await used.waitFor();
    expect(await used.innerText()).toBe(
      `This invitation cannot be used: the invitation was used on ${dayInWords(new Date().toISOString().slice(0, 10))}: it enrols one key. Ask the secretary for a new one.`,
    );
    expect(elsewhere.problems).toEqual([]);
    await elsewhere.context.close();
    // An invitation for someone else, opened where Ben is signed in (as an officer might open
    // the link they were to send): the page says whose browser this is before anything is made.
    const { url: chens } = await hana.invite('chen');
    await reopened.goto(new URL(chens, url).href);
    const warning = reopened.getByRole('alert').filter({ hasText: 'signed in as Ben Lindqvist' });
    await warning.waitFor();
    expect(await warning.innerText()).toBe(
      'This browser is signed in as Ben Lindqvist, and this invitation is for Chen Wei. Send the link to Chen Wei, to open on a device of their own: enrolling here would keep their key in this browser and sign it in as them.',
    );
    await reopened.getByRole('button', { name: 'I am Chen Wei: make my key here' }).waitFor();
    expect(await reopened.getByRole('button', { name: 'Make my key and enrol' }).count()).toBe(0);
    await reopened.close();
    const stored = (await keysKept(page)).map((k) => ({
      person: k.person,
      publicKey: k.publicKey,
      type: k.type,
      extractable: k.extractable,
    }));
    // The record is its members': read by the secretary, signed in; not by anyone.
    expect((await fetch(`${url}/api/organization`)).status).toBe(401);
    const org = await hana.get<Organization>('/api/organization');
    const benKey = org.people.find((p) => p.id === 'ben')?.key;
    expect(stored).toEqual([
      { person: 'ben', publicKey: benKey, type: 'private', extractable: false },
    ]);

    // Signed out, he is asked to sign in, and does with the key this browser holds.
    await context.clearCookies();
    await page.goto(url);
    // In words, as a sentence, under the organization's name.
    await page
      .getByText(/^Sign in to read this record: it is open to the people who sit/)
      .waitFor();
    await page
      .getByRole('heading', { level: 1, name: 'Maple Court Housing Cooperative' })
      .waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign in as Ben Lindqvist' }).click();
    await page.locator('.who strong', { hasText: 'Ben Lindqvist' }).waitFor();
    // The People page tells his key by the device that holds it, not by a "session".
    await page.goto(url);
    const benRow = page.locator('table.people').getByRole('row', { name: /Ben Lindqvist/ });
    await benRow.getByText('(this device)').waitFor();
    expect(await benRow.innerText()).not.toContain('session');
    await page.goto(`${url}/login`);
    await page.getByRole('button', { name: 'Sign in as Ben Lindqvist' }).waitFor();
    await checkPage(page, '22-sign-in', false);

    // He checks in and votes; his browser signs both acts with his key.
    const session = 'board-keys';
    await hana.act('session.open', { session, body: 'board', mode: 'live', title: 'Keys' });
    await page.goto(`${url}/sessions/${session}/ballot`);
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('You are checked in.').waitFor();
    await hana.act('motion.propose', { session, motion: 'm1', text: 'Shall we sign?' });
    await hana.act('vote.open', { session, motion: 'm1' });
    await page.getByRole('button', { name: 'Aye', exact: true }).click();
    const receipt = await page.getByText(/Your ballot \(aye\) is entry \d+/).textContent();
    const index = Number(/entry (\d+)/.exec(receipt ?? '')![1]);
    const log = await hana.get<LogPage>(`/api/log?from=${index}&limit=1`);
    const entry = log.entries[0]!.entry!;
    expect(entry).toMatchObject({ type: 'ballot.cast', actor: 'ben', signer: 'ben', key: benKey });
    expect(entry.payload).toMatchObject({ voter: 'ben', choice: 'aye' });
    expect(watched.problems).toEqual([]);

    // He loses the phone: its key revoked and invited again, a new browser's key is his.
    await hana.act('member.revoke', { person: 'ben', key: benKey });
    // The page open on the phone stops saying he is signed in, and says why.
    await page
      .getByText(
        'This browser was signed out in another window, or its key was revoked: sign in again.',
      )
      .waitFor();
    expect(await page.locator('.who strong', { hasText: 'Ben Lindqvist' }).count()).toBe(0);
    // Found again, the phone cannot sign in with the key revoked, and says what to do instead.
    await context.clearCookies();
    await page.goto(`${url}/login`);
    await page.getByRole('button', { name: 'Sign in as Ben Lindqvist' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      'Ben Lindqvist has no key enrolled (every one was revoked, or none yet): ask an officer for an invitation, and open it on your device',
    );
    const { url: again } = await hana.invite('ben');
    const replacing = await openPage(browser!, PHONE);
    await replacing.page.goto(new URL(again, url).href);
    await replacing.page.getByRole('button', { name: 'Make my key and enrol' }).click();
    await replacing.page.getByText(/Your enrolment is entry \d+/).waitFor();
    const now = await hana.get<Organization>('/api/organization');
    const newKey = now.people.find((p) => p.id === 'ben')?.key;
    expect(newKey).toBeTruthy();
    expect(newKey).not.toBe(benKey);
    expect(now.people.find((p) => p.id === 'ben')?.keys).toEqual([newKey]);
    // The old phone tried again, now that he holds a key: refused, said so, with no link to the
    // sign-in page it is on.
    await page.getByRole('button', { name: 'Sign in as Ben Lindqvist' }).click();
    await refusal.filter({ hasText: 'this key is not one of' }).waitFor();
    expect(await refusal.innerText()).toBe(
      "This key is not one of Ben Lindqvist's (revoked, or never enrolled): sign in from another device of theirs, or ask an officer for an invitation and open it on this one",
    );
    expect(await refusal.getByRole('link').count()).toBe(0);
    expect(replacing.problems).toEqual([]);
    await replacing.context.close();
  });

  it(
    'an enrolment recorded whose answer was lost: enrolling again signs in with the key kept',
    { timeout: 60_000 },
    async () => {
      const url = served!.url;
      const hana = new ApiMember(url, secretary.person, secretary);
      await hana.login();
      const { url: link } = await hana.invite('dana');
      const { page, context, problems } = await openPage(browser!, PHONE);
      // The first enrolment reaches the server and is recorded; its answer is a 503.
      await loseEnrolmentAnswer(page, context);
      await page.goto(new URL(link, url).href);
      const enrol = page.getByRole('button', { name: 'Make my key and enrol' });
      await enrol.click();
      await page.getByText('the database is unavailable').waitFor();
      const enrolled = (await hana.get<Organization>('/api/organization')).people.find(
        (p) => p.id === 'dana',
      )?.keys;
      expect(enrolled).toHaveLength(1);

      // Enrol again: the same key, signed in with it, the enrolment the record holds.
      await enrol.click();
      await page.getByText(/Your enrolment is entry \d+/).waitFor();
      await page.locator('.who strong', { hasText: 'Dana Morales' }).waitFor();
      const stored = (await keysKept(page)).map((k) => k.publicKey);
      expect(stored).toEqual(enrolled);
      const org = await hana.get<Organization>('/api/organization');
      expect(org.people.find((p) => p.id === 'dana')?.keys).toEqual(enrolled);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it(
    'an enrolment recorded whose answer was lost: the link opened again signs in with the key kept',
    { timeout: 60_000 },
    async () => {
      const url = served!.url;
      const hana = new ApiMember(url, secretary.person, secretary);
      await hana.login();
      const { url: link } = await hana.invite('eli');
      const { page, context, problems } = await openPage(browser!, PHONE);
      // Recorded, and its answer a 503 before the session was started.
      await loseEnrolmentAnswer(page, context);
      await page.goto(new URL(link, url).href);
      await page.getByRole('button', { name: 'Make my key and enrol' }).click();
      await page.getByText('the database is unavailable').waitFor();
      const keysOf = async () =>
        (await hana.get<Organization>('/api/organization')).people.find((p) => p.id === 'eli')
          ?.keys;
      const enrolled = await keysOf();
      expect(enrolled).toHaveLength(1);

      // Opened again, the invitation is used: by the key this browser kept, signed in with.
      await page.reload();
      await page.getByText('This invitation enrolled the key this browser keeps').waitFor();
      await page.getByText(/Your enrolment is entry \d+/).waitFor();
      await page.locator('.who strong', { hasText: 'Eli Novak' }).waitFor();
      expect(await page.getByText('invitation cannot be used').count()).toBe(0);
      expect(await keysOf()).toEqual(enrolled);
      await checkPage(page, '23-enrol-again', false);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it(
    'an enrolment whose answer never came, its session started: this page signed in, not another window',
    { timeout: 60_000 },
    async () => {
      const url = served!.url;
      const hana = new ApiMember(url, secretary.person, secretary);
      await hana.login();
      const { url: link } = await hana.invite('gus');
      const { page, context } = await openPage(browser!, PHONE);
      // Recorded, and signed in (the cookie kept), but the connection dropped with the answer.
      let lost = false;
      await page.route('**/api/enrol', async (route) => {
        if (lost) return route.continue();
        lost = true;
        await route.fetch();
        await route.abort('failed');
      });
      await page.goto(new URL(link, url).href);
      const enrol = page.getByRole('button', { name: 'Make my key and enrol' });
      await enrol.click();
      await page.getByText(/Could not reach the server/).waitFor();
      // Back to the window: who is signed in is read again, and said to be this page's doing.
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await page
        .getByText(
          'This browser is now signed in as Gus Tanaka, by your enrolment sent from this page, whose answer did not come.',
        )
        .waitFor();
      expect(await page.getByText('in another window').count()).toBe(0);
      // Enrol again: sent, as the person this page signed in, and answered.
      await enrol.click();
      await page.getByText(/Your enrolment is entry \d+/).waitFor();
      await page.locator('.who strong', { hasText: 'Gus Tanaka' }).waitFor();
      expect(await page.getByText('in another window').count()).toBe(0);
      const org = await hana.get<Organization>('/api/organization');
      expect(org.people.find((p) => p.id === 'gus')?.keys).toHaveLength(1);
      await context.close();
    },
  );
});

/** The keys this browser keeps (IndexedDB), as the page stores them. */
function keysKept(
  page: Page,
): Promise<{ person: string; publicKey: string; type: string; extractable: boolean }[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('collegium');
    open.onsuccess = () => {
      const get = open.result.transaction('keys').objectStore('keys').getAll();
      get.onsuccess = () => resolve(get.result.map((k) => ({
        person: k.person, publicKey: k.publicKey,
        type: k.privateKey.type, extractable: k.privateKey.extractable })));
      get.onerror = () => reject(get.error);
    };
    open.onerror = () => reject(open.error);
  })`);
}

/**
 * The page's first enrolment reaches the server and is recorded, but its answer is lost: a 503
 * instead, and the session's cookie with it (the fetch would keep it in the context's jar).
 */
async function loseEnrolmentAnswer(page: Page, context: BrowserContext): Promise<void> {
  let lost = false;
  await page.route('**/api/enrol', async (route) => {
    if (lost) return route.continue();
    lost = true;
    const cookies = await context.cookies();
    await route.fetch();
    await context.clearCookies();
    await context.addCookies(cookies);
    const error = { code: 'database-unavailable', message: 'the database is unavailable' };
    await route.fulfill({ status: 503, json: { error } });
  });
}
