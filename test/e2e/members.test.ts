/**
 * Keys, proxies and an amendment in the browser, against a real server (not in demo mode), each
 * device a fresh browser with a key of its own: the secretary loses her key, the chair revokes it
 * on the People page and invites her again, and she enrols a new key on a new device and acts
 * with it; a member adds a second device and both sign; a member gives his proxy and its holder
 * votes for him; an amendment of the charter is put on the console, adopted, and the organization
 * changes on an open page without reloading it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { toBase64 } from '../../src/core/bytes.js';
import { parseCharter } from '../../src/core/charter/index.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { LogPage, Organization } from '../../src/web/lib/types.js';
import { EXAMPLES } from '../support/examples.js';
import { ApiMember, Refused } from './api-member.js';
import {
  checkPage,
  CHROMIUM,
  boardForMembers,
  LAPTOP,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  serve,
  serveDemo,
} from './harness.js';
import type { Served, WatchedPage } from './harness.js';

const haveChromium = existsSync(CHROMIUM);
let served: Served | undefined;
let browser: Browser | undefined;
const pages: WatchedPage[] = [];
const secretary = { person: 'hana', ...generateKeyPair() };
/** The board's charter as the record holds it: the example's, its record open to members. */
let charter = '';

beforeAll(async () => {
  if (!haveChromium) return;
  const board = boardForMembers(secretary);
  const data = board.data;
  charter = board.charter;
  [served, browser] = await Promise.all([serve(data), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await Promise.all(
    pages.map((p, i) => screenshot(p.page, `zz-members-${i}`).catch(() => undefined)),
  );
  await browser?.close();
  await served?.stop();
});

async function device(options: BrowserContextOptions = PHONE): Promise<Page> {
  const watched = await openPage(browser!, options);
  pages.push(watched);
  return watched.page;
}

/** A new device opens the invitation link and enrols the key it makes. */
async function enrol(link: string, options?: BrowserContextOptions): Promise<Page> {
  const page = await device(options);
  await page.goto(new URL(link, served!.url).href);
  await page.getByRole('button', { name: 'Make my key and enrol' }).click();
  await page.getByText(/Your enrolment is entry \d+/).waitFor();
  return page;
}

/** The link an invitation on the People page shows in `name`'s row. */
async function invitationIn(page: Page, name: string): Promise<string> {
  const row = page.getByRole('row', { name: new RegExp(name) });
  const link = row.locator('.invitation a');
  await link.waitFor();
  return (await link.getAttribute('href'))!;
}

/** The entry of a receipt shown on the page ("… is entry N of the record"). */
async function receiptEntry(page: Page, what: RegExp): Promise<number> {
  const text = await page.locator('.receipt', { hasText: what }).last().textContent();
  return Number(/entry (\d+) of the record/.exec(text ?? '')![1]);
}

describe.skipIf(!haveChromium)('members’ keys, proxies and amendments in the browser', () => {
  it(
    'recovers a lost key, adds a device, votes by proxy, amends the charter',
    { timeout: 240_000 },
    async () => {
      const url = served!.url;
      const hana = new ApiMember(url, secretary.person, secretary);
      await hana.login();
      // The chair, two directors: each enrols on a device of their own.
      const ada = await enrol((await hana.invite('ada')).url, LAPTOP);
      const ben = await enrol((await hana.invite('ben')).url);
      const chen = await enrol((await hana.invite('chen')).url);

      // Hana loses her key: the chair revokes it on the People page.
      await ada.goto(url);
      const hanaRow = ada.getByRole('row', { name: /Hana Kowalski/ });
      await hanaRow.getByRole('button', { name: /Revoke key .* of Hana Kowalski/ }).click();
      await checkPage(ada, '30-people-revoke', false);
      await hanaRow.getByRole('button', { name: 'Revoke the key' }).click();
      await hanaRow.getByText('none yet').waitFor();
      // The session her key opened has ended.
      const refused = await hana
        .act('session.open', { session: 'x', body: 'board', mode: 'live' })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Refused);
      expect((refused as Refused).status).toBe(401);

      // The chair invites her again; she enrols a new key on a new device and acts with it.
      await hanaRow.getByRole('button', { name: 'Invite Hana Kowalski to enrol a key' }).click();
      const hanaPhone = await enrol(await invitationIn(ada, 'Hana Kowalski'), LAPTOP);
      await hanaPhone.getByRole('link', { name: 'Go to the organization' }).click();
      const form = hanaPhone.locator('form', { hasText: 'Open a session of Board of Directors' });
      await form.getByLabel('Title').fill('Keys and proxies');
      await form.getByRole('button', { name: 'Open the session' }).click();
      await hanaPhone.waitForURL(/\/sessions\/[^/]+$/);
      const session = decodeURIComponent(new URL(hanaPhone.url()).pathname.split('/')[2]!);
      const orgNow = (await (
        await hanaPhone.request.get(`${url}/api/organization`)
      ).json()) as Organization;
      const hanaKeys = orgNow.people.find((p) => p.id === 'hana')!.keys!;
      expect(hanaKeys).toHaveLength(1);
      expect(hanaKeys[0]).not.toBe(toBase64(secretary.publicKey));
      const opened = await readLog(hanaPhone, url, 'session.open');
      expect(opened).toMatchObject({ actor: 'hana', signer: 'hana', key: hanaKeys[0] });

      // Ben adds a second device: his invitation of himself, opened on a laptop.
      await ben.goto(url);
      await ben.getByRole('button', { name: 'Add another device' }).click();
      const own = ben.locator('.another-device .invitation a');
      await own.waitFor();
      // The link is copied with a button; where the browser gives no clipboard, it is selected.
      const href = new URL((await own.getAttribute('href'))!, url).href;
      const panel = ben.locator('.another-device');
      await ben.evaluate(() => {
        const copy = async (text: string) => void ((window as { copied?: string }).copied = text);
        Object.defineProperty(navigator, 'clipboard', {
          configurable: true,
          value: { writeText: copy },
        });
      });
      await panel.getByRole('button', { name: 'Copy the link' }).click();
      await panel.getByText('Copied.').waitFor();
      expect(await ben.evaluate(() => (window as { copied?: string }).copied)).toBe(href);
      await ben.evaluate(() =>
        Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined }),
      );
      await panel.getByRole('button', { name: 'Copy the link' }).click();
      await panel.getByText(/The link is selected: copy it/).waitFor();
      expect(await ben.evaluate(() => window.getSelection()?.toString())).toBe(href);
      await checkPage(ben, '31-people-another-device', false);
      const benLaptop = await device(LAPTOP);
      await benLaptop.goto(new URL((await own.getAttribute('href'))!, url).href);
      await benLaptop.getByText(/You hold a key already, on other devices/).waitFor();
      await benLaptop.getByRole('button', { name: 'Make my key and enrol' }).click();
      await benLaptop.getByText(/Your enrolment is entry \d+/).waitFor();
      // His two keys are told apart by when each was added, and by its entry.
      await ben.goto(url);
      const benKeys = ben
        .locator('table.people')
        .getByRole('row', { name: /Ben Lindqvist/ })
        .locator('.key-added');
      await expect.poll(() => benKeys.count()).toBe(2);
      const added = await benKeys.allInnerTexts();
      expect(added).toEqual([
        expect.stringMatching(/^added .+, entry \d+$/),
        expect.stringMatching(/^added .+, entry \d+$/),
      ]);
      expect(new Set(added).size).toBe(2);

      // Chen gives Ben his proxy for the session, from the organization page.
      await chen.goto(url);
      const give = chen.locator('form', { hasText: 'Give your proxy' });
      await give.getByLabel('To').selectOption('ben');
      await give.getByLabel('For how long').selectOption('session');
      await give.getByLabel('Session').selectOption(session);
      await give.getByRole('button', { name: 'Give the proxy' }).click();
      await chen
        .getByText('Chen Wei gives their proxy to Ben Lindqvist, for the session of ')
        .waitFor();
      await checkPage(chen, '32-proxies', false);

      // Attendance: Ada and Ben's phone check in; Hana checks in two directors without keys.
      const ballot = `${url}/sessions/${encodeURIComponent(session)}/ballot`;
      for (const page of [ada, ben]) {
        await page.goto(ballot);
        await page.getByRole('button', { name: 'Check in' }).click();
        await page.getByText('You are checked in.').waitFor();
      }
      for (const name of ['Dana Morales', 'Eli Novak'])
        await hanaPhone.getByRole('button', { name: `Check in ${name}` }).click();
      await hanaPhone.getByText('Quorum is met.').waitFor();

      // Hana puts an amendment: Ivy joins the board.
      const amended = charter
        .replace(
          '  hana: { name: Hana Kowalski }',
          '  hana: { name: Hana Kowalski }\n  ivy: { name: Ivy Brennan }',
        )
        .replace(
          'members: [ada, ben, chen, dana, eli, fay, gus]',
          'members: [ada, ben, chen, dana, eli, fay, gus, ivy]',
        );
      expect(amended).toContain('ivy]');
      await hanaPhone.goto(`${url}/sessions/${encodeURIComponent(session)}`);
      await hanaPhone.getByText('Put an amendment of the charter').click();
      await hanaPhone
        .getByLabel('What the amendment does')
        .fill('Shall Ivy Brennan join the board?');
      const upload = hanaPhone.getByLabel('The amended charter (a YAML file)');
      // A file the core's parser refuses first: its problems, placed, and nothing sent.
      await upload.setInputFiles({
        name: 'bad.yaml',
        mimeType: 'text/yaml',
        buffer: Buffer.from(amended.replace('majority: votes-cast', 'majority: most')),
      });
      await hanaPhone.getByText(/^\d+:\d+: unknown majority rule "most"/).waitFor();
      expect(await hanaPhone.getByRole('button', { name: 'Put the amendment' }).isDisabled()).toBe(
        true,
      );
      await upload.setInputFiles({
        name: 'charter.yaml',
        mimeType: 'text/yaml',
        buffer: Buffer.from(amended),
      });
      await hanaPhone.getByText(/Board of Directors: Ada Okafor, .*, Ivy Brennan/).waitFor();
      await checkPage(hanaPhone, '33-amend', false);
      await hanaPhone.getByRole('button', { name: 'Put the amendment' }).click();
      await hanaPhone.locator('.receipt', { hasText: 'The amendment' }).waitFor();

      // The vote opens on the console.
      await hanaPhone.getByRole('button', { name: 'Open the vote' }).click();

      // Ada votes; Ben votes from his laptop and, holding Chen's proxy, for Chen.
      await ada.getByRole('button', { name: 'Aye', exact: true }).click();
      await ada.locator('.receipt', { hasText: 'Your ballot' }).waitFor();
      await benLaptop.goto(ballot);
      await benLaptop.getByText('You are checked in.').waitFor();
      await benLaptop.getByRole('button', { name: 'Aye', exact: true }).click();
      const benBallot = await (async () => {
        await benLaptop.locator('.receipt', { hasText: 'Your ballot' }).waitFor();
        return receiptEntry(benLaptop, /Your ballot/);
      })();
      await benLaptop.getByText("By proxy: Chen Wei's ballot").waitFor();
      await checkPage(benLaptop, '34-ballot-proxy', false);
      await benLaptop.getByRole('button', { name: 'Aye for Chen Wei' }).click();
      const proxyBallot = await (async () => {
        await benLaptop.locator('.receipt', { hasText: "Chen Wei's ballot" }).waitFor();
        return receiptEntry(benLaptop, /Chen Wei's ballot/);
      })();

      // Both of Ben's devices signed, each with its own key; the proxy ballot is his, for Chen.
      const entries = await logOf(hanaPhone, url);
      const arrive = entries.find((e) => e.type === 'attendance.arrive' && e.actor === 'ben')!;
      const vote = entries.find((e) => e.index === benBallot)!;
      const forChen = entries.find((e) => e.index === proxyBallot)!;
      expect(arrive.key).not.toBe(vote.key);
      expect(vote).toMatchObject({ actor: 'ben', signer: 'ben', payload: { voter: 'ben' } });
      expect(forChen).toMatchObject({
        actor: 'ben',
        key: vote.key,
        payload: { voter: 'chen', castBy: 'ben' },
      });

      // Ben's phone shows the organization; the amendment adopted, Ivy appears there without a reload.
      await ben.goto(url);
      await ben.getByRole('heading', { name: 'Board of Directors' }).first().waitFor();
      expect(await ben.getByText('Ivy Brennan').count()).toBe(0);
      await hanaPhone.getByRole('button', { name: 'Close the vote', exact: true }).click();
      const confirm = hanaPhone.getByRole('dialog', { name: /^Close the vote on / });
      await confirm.getByRole('button', { name: 'Record the decision' }).click();
      await hanaPhone.locator('.decision[data-outcome="adopted"]').waitFor();
      await ben.getByRole('cell', { name: 'Ivy Brennan' }).first().waitFor({ timeout: 5_000 });

      // The protocol says what the decision amended.
      await hanaPhone.goto(`${url}/sessions/${encodeURIComponent(session)}/protocol`);
      await hanaPhone
        .getByText(/This motion amends the charter, in force from entry \d+/)
        .waitFor();
      await hanaPhone.getByText('It carries the whole charter as amended.').waitFor();
      await checkPage(hanaPhone, '35-protocol-amendment', false);

      expect(pages.flatMap((p) => p.problems)).toEqual([]);
    },
  );
});

describe.skipIf(!haveChromium)('decisions on the membership in the protocol', () => {
  it(
    'issues the invitation an adopted motion authorizes; says what an amendment changed and which vote it overtook',
    { timeout: 90_000 },
    async () => {
      const demo = await serveDemo();
      try {
        // The board decides, in demo mode through the API, to re-invite Gus.
        const api = new DemoVisitor(demo.url);
        const S = 'reinvite';
        await api.as('hana', 'session.open', { session: S, body: 'board', mode: 'live' });
        for (const p of ['ada', 'ben', 'chen', 'dana'])
          await api.as(p, 'attendance.arrive', { session: S, person: p });
        const motion = { session: S, motion: 'reinvite-gus' };
        await api.as('hana', 'motion.propose', {
          ...motion,
          text: 'Shall Gus be invited again?',
          invites: 'gus',
        });
        await api.as('hana', 'vote.open', motion);
        for (const p of ['ada', 'ben', 'chen'])
          await api.as(p, 'ballot.cast', { ...motion, voter: p, choice: 'aye' });
        await api.close(S, 'reinvite-gus');

        // A vote opens; an amendment is put, adopted and in force while it is still open.
        const paint = { session: S, motion: 'paint' };
        await api.as('hana', 'motion.propose', { ...paint, text: 'Paint the door?' });
        await api.as('hana', 'vote.open', paint);
        // The charter as the example's history left it in force, with Ivy added.
        const json = parseCharter(
          readFileSync(join(EXAMPLES, 'cooperative-board', 'charter-2026-06.yaml')),
        );
        if (!json.ok) throw new Error('the example charter does not parse');
        const amended = structuredClone(json.json) as { people: Record<string, unknown> };
        amended.people['ivy'] = { name: 'Ivy Brennan' };
        const ivy = { session: S, motion: 'ivy' };
        await api.as('hana', 'motion.propose', { ...ivy, text: 'Ivy joins?', amends: amended });
        await api.as('hana', 'vote.open', ivy);
        for (const p of ['ada', 'ben', 'chen'])
          await api.as(p, 'ballot.cast', { ...ivy, voter: p, choice: 'aye' });
        await api.close(S, 'ivy');
        await api.as('ada', 'ballot.cast', { ...paint, voter: 'ada', choice: 'aye' });
        await api.close(S, 'paint');

        // Ben, a director, issues it from the protocol and passes the link on.
        const page = await device(LAPTOP);
        await page.goto(`${demo.url}/sessions/${S}/protocol`);
        await page.getByLabel('Act as').selectOption('ben');
        await page.locator('.who strong', { hasText: 'Ben Lindqvist' }).waitFor();
        await page.getByText('This motion re-invites Gus Tanaka to enrol a key.').waitFor();
        await page.getByRole('button', { name: 'Issue the invitation' }).click();
        const link = page.locator('.invitation a');
        await link.waitFor();
        await checkPage(page, '36-protocol-reinvitation');
        const gus = await device();
        await gus.goto((await link.getAttribute('href'))!);
        await gus.getByText('Gus Tanaka, you are invited').waitFor();
        // Once per motion: the protocol now names the invitation's entry.
        await page.reload();
        await page.getByText(/The invitation was issued: entry \d+/).waitFor();
        expect(await page.getByRole('button', { name: 'Issue the invitation' }).count()).toBe(0);
        await page.getByText('person added: Ivy Brennan (ivy)').waitFor();
        // That, and nothing else, is what it changes.
        expect(await page.locator('.note li').allTextContents()).toEqual([
          'person added: Ivy Brennan (ivy)',
        ]);
        await page
          .getByText('Decided by the roster and rules in force when its vote opened')
          .waitFor();
      } finally {
        await demo.stop();
      }
    },
  );
});

/** A visitor of a demo server acting as anyone, unsigned, through the API. */
class DemoVisitor {
  private cookie = '';
  private csrf = '';
  constructor(private readonly url: string) {}

  async get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  /** The secretary closes the vote with the decision the server gives. */
  async close(session: string, motion: string): Promise<void> {
    const closing = await this.get<{ payload: Record<string, unknown> }>(
      `/api/sessions/${session}/motions/${motion}/closing`,
    );
    await this.as('hana', 'vote.close', closing.payload);
  }

  /** Acts as `person`. */
  async as(person: string, type: string, payload: Record<string, unknown>): Promise<void> {
    if (!this.csrf) this.csrf = (await this.call<{ csrf: string }>('GET', '/api/me')).csrf;
    this.csrf = (await this.call<{ csrf: string }>('POST', '/api/demo/login', { person })).csrf;
    await this.call('POST', '/api/acts', { type, payload });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'content-type': 'application/json',
        'x-csrf-token': this.csrf,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (cookies.length) this.cookie = cookies.join('; ');
    const json = (await response.json()) as T;
    if (!response.ok) throw new Refused(response.status, json);
    return json;
  }
}

interface Logged {
  index: number;
  type: string;
  actor: string | null;
  signer: string | null;
  key: string;
  payload: Record<string, unknown>;
}

/** The record's entries as a signed-in page reads them. */
async function logOf(page: Page, url: string): Promise<Logged[]> {
  const log = (await (await page.request.get(`${url}/api/log?from=0&limit=500`)).json()) as LogPage;
  return log.entries.flatMap((e) => (e.entry ? [e.entry as unknown as Logged] : []));
}

/** The last entry of `type`. */
async function readLog(page: Page, url: string, type: string): Promise<Logged | undefined> {
  return (await logOf(page, url)).filter((e) => e.type === type).at(-1);
}
