/**
 * An instrument in Chromium against a real demo server (the Central Committee of 1918, whose
 * Politburo issues directives over two of its members' signatures). Lenin drafts a directive on
 * a decision the Politburo adopted in writing; Trotsky and then Stalin sign it from their phones
 * (390 x 844), from the "To sign" queue, while Kamenev's queue and Lenin's page follow live; Lenin
 * issues it. Its page shows the signatures in order and the QR code of its verification page,
 * which verifies the bundle in the browser and accepts it. Every page is checked with axe-core,
 * and for horizontal overflow on a phone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { InstrumentView } from '../../src/api/instruments.js';
import { exportInstrument } from '../../src/app/instrument-export.js';
import { Ledger } from '../../src/app/ledger.js';
import { fromBase64, toBase64 } from '../../src/core/bytes.js';
import type { InstrumentBundle } from '../../src/record/proof-formats.js';
import { openStore } from '../../src/store/index.js';
import type { Me, Organization } from '../../src/web/lib/types.js';
import { DemoClient } from './demo-client.js';
import {
  checkPage,
  CHROMIUM,
  dataFolder,
  LAPTOP,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  serve,
} from './harness.js';
import type { Served, WatchedPage } from './harness.js';

const haveChromium = existsSync(CHROMIUM);
const SLOW = { timeout: 180_000 };
const BODY = 'politburo';
const [DRAFTER, FIRST, SECOND, WATCHER] = ['lenin', 'trotsky', 'stalin', 'kamenev'] as const;
let data = '';
let served: Served | undefined;
let browser: Browser | undefined;
let org: Organization;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  [served, browser] = await Promise.all([
    serve((data = dataFolder()), ['--demo', '--example', 'central-committee-1918']),
    launchChromium(),
  ]);
  // The record is open to its members only: read as one of them.
  org = await (await DemoClient.as(served.url, 'lenin')).get<Organization>('/api/organization');
}, 60_000);

afterAll(async () => {
  await Promise.all(
    pages.map((p, i) => screenshot(p.page, `instruments-zz-last-${i}`).catch(() => undefined)),
  );
  await browser?.close();
  await served?.stop();
});

const nameOf = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;

async function open(options = PHONE): Promise<Page> {
  const watched = await openPage(browser!, options);
  pages.push(watched);
  return watched.page;
}

/**
 * Opens `path` as `person`. The record is open to its members only, so the demo's picker lists no
 * one before a sign-in: the page's browser signs in as the demo's picker does, then opens it.
 */
async function visitAs(page: Page, path: string, person: string): Promise<void> {
  const { csrf } = (await (await page.request.get(`${served!.url}/api/me`)).json()) as Me;
  const login = await page.request.post(`${served!.url}/api/demo/login`, {
    data: { person },
    headers: { 'x-csrf-token': csrf, origin: served!.url },
  });
  expect(login.ok(), await login.text()).toBe(true);
  await page.goto(`${served!.url}${path}`);
  await page.locator('.who strong', { hasText: nameOf(person) }).waitFor();
}

async function expectNoOverflow(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(
    '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
  );
  const { page: width, screen } = widths as { page: number; screen: number };
  expect(width, `${what} is ${width} px wide on a ${screen} px screen`).toBeLessThanOrEqual(screen);
}

/** A decision of the Politburo, adopted in writing by all its members: what the directive rests
 * on. */
async function adoptedDecision(text: string): Promise<string> {
  const circulation = `decision-${Date.now().toString(36)}`;
  const lenin = await DemoClient.as(served!.url, DRAFTER);
  await lenin.act('circulation.open', {
    circulation,
    body: BODY,
    mode: 'live',
    text,
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const politburo = org.bodies.find((b) => b.id === BODY)!;
  for (const member of politburo.members)
    await (
      await DemoClient.as(served!.url, member)
    ).act('circulation.answer', { circulation, member, choice: 'aye' });
  return circulation;
}

/** The instrument's bundle, as `collegium` exports it, read from the demo's record. */
async function exportedBundle(id: string): Promise<InstrumentBundle> {
  const store = await openStore(join(data, 'collegium.db'), { create: false, readOnly: true });
  try {
    return await exportInstrument(store, (await Ledger.open(store)).state, id);
  } finally {
    await store.close();
  }
}

/** The bundle with the directive's text changed in its draft's leaf: its inclusion proof no
 * longer holds. */
function tampered(bundle: InstrumentBundle): InstrumentBundle {
  const entries = bundle.entries.map((entry) => {
    const text = Buffer.from(fromBase64(entry.leaf)).toString('utf8');
    if (!text.includes('at once')) return entry;
    const changed = text.replace('at once', 'next year');
    return { ...entry, leaf: toBase64(new TextEncoder().encode(changed)) };
  });
  expect(entries).not.toEqual(bundle.entries);
  return { ...bundle, entries };
}

/** Drops a bundle on the verify page and waits for its verdict. */
async function verifyFile(page: Page, bundle: InstrumentBundle, accepted: boolean): Promise<void> {
  await page.getByLabel('Bundle file (drop it here or choose it)').setInputFiles({
    name: `${bundle.instrument}.bundle.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bundle)),
  });
  await page.locator(`[data-accepted="${accepted}"]`).waitFor({ timeout: 30_000 });
}

/** The member signs the directive from the queue on their phone. */
async function signFromQueue(phone: Page, title: string): Promise<void> {
  const item = phone.locator('article', { has: phone.getByRole('heading', { name: title }) });
  await item.getByRole('button', { name: 'Sign', exact: true }).click();
  await phone.locator('.receipt', { hasText: /is entry \d+ of the record/ }).waitFor();
}

describe.skipIf(!haveChromium)('instruments in the browser', () => {
  it(
    'a directive drafted, signed in order from two phones, issued and verified',
    SLOW,
    async () => {
      const decision = await adoptedDecision('Send the Fourth Army to the Southern Front?');
      const text = 'The Revolutionary Military Council is to send the Fourth Army south at once.';

      // Lenin drafts the directive on the Politburo's decision.
      const office = await open(LAPTOP);
      await visitAs(office, '/instruments/new', DRAFTER);
      const form = office.getByRole('form', { name: 'Draft an instrument' });
      await form.getByLabel('Body').selectOption(BODY);
      await form.getByLabel('Kind').selectOption('directive');
      await form.getByText(/At least 2 of .*Trotsky.*, in any order\./).waitFor();
      await form.getByLabel('To (optional)').fill('The Revolutionary Military Council');
      await form.getByLabel('Text').fill(text);
      await form
        .getByLabel('It rests on the decision')
        .selectOption(JSON.stringify({ circulation: decision }));
      // The decision is named by its question and body, not by the circulation's id.
      const fourthArmy =
        /^the question "Send the Fourth Army to the Southern Front\?" put to .+ \(/;
      expect(
        await form.getByLabel('It rests on the decision').locator('option:checked').innerText(),
      ).toMatch(fourthArmy);
      const number = await form.getByLabel('Number (optional)').getAttribute('placeholder');
      expect(number).toMatch(/^\d{4}\/\d+$/);
      await checkPage(office, '60-draft-instrument');
      await form.getByRole('button', { name: 'Draft the instrument' }).click();
      const title = `Directive No. ${number}`;
      await office.getByRole('heading', { level: 1, name: `${title} draft` }).waitFor();
      const id = decodeURIComponent(new URL(office.url()).pathname.split('/')[2]!);
      await office.getByText('By order of the Politburo:').waitFor();
      await office.getByText('Not met yet: 0 of the 2 signatures needed.').waitFor();
      // Not issued yet: the body is named as the draft's, not as the one that issued it.
      expect(await office.locator('dl.fields dt').first().innerText()).toBe('Body');
      const restsOn = office.locator('dt', { hasText: 'Rests on' }).locator('+ dd');
      expect(await restsOn.innerText()).toMatch(fourthArmy);
      expect(await restsOn.innerText()).not.toContain(decision);

      // Trotsky, Stalin and Kamenev each find it in their queue, on their phones.
      const [first, second, watcher] = await Promise.all(
        [FIRST, SECOND, WATCHER].map(async (person) => {
          const phone = await open(PHONE);
          await visitAs(phone, '/', person);
          await phone.getByRole('link', { name: 'To sign (1)' }).click();
          await phone.getByRole('heading', { name: title }).waitFor();
          return phone;
        }),
      );
      await first!.getByText(text).waitFor();
      await first!.getByText('To: The Revolutionary Military Council').waitFor();
      await checkPage(first!, '61-queue-phone');
      await expectNoOverflow(first!, 'the signing queue');

      // Trotsky signs first; Stalin's queue shows his signature, then Stalin signs.
      await signFromQueue(first!, title);
      await first!.getByText('Nothing awaits your signature.').waitFor();
      await second!.locator('.signature-list li', { hasText: nameOf(FIRST) }).waitFor();
      await office.getByText('Not met yet: 1 of the 2 signatures needed.').waitFor();
      await signFromQueue(second!, title);
      await office.getByText('The rule is met: it may be issued.').waitFor();
      await checkPage(office, '62-instrument-signed');

      // Lenin issues it; it leaves Kamenev's queue.
      await office.getByRole('button', { name: 'Issue the instrument' }).click();
      await office.getByRole('heading', { level: 1, name: `${title} issued` }).waitFor();
      await office.getByText('Issued, and in force.').waitFor();
      expect(await office.locator('dl.fields dt').first().innerText()).toBe('Issued by');
      await watcher!.getByText('Nothing awaits your signature.').waitFor();
      await watcher!.getByRole('link', { name: 'To sign', exact: true }).waitFor();

      // Its page, on a phone: the signatures in order, the QR code of its verification page.
      const reader = first!;
      await reader.goto(`${served!.url}/instruments/${encodeURIComponent(id)}`);
      await reader.getByRole('heading', { level: 1, name: `${title} issued` }).waitFor();
      const signers = await reader
        .locator('.signature-list li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-signer')));
      expect(signers).toEqual([FIRST, SECOND]);
      const qr = reader.getByRole('img', { name: /QR code of the address that verifies it/ });
      expect(await qr.getAttribute('data-qr')).toBe(
        `${served!.url}/verify?instrument=${encodeURIComponent(id)}`,
      );
      await checkPage(reader, '63-instrument-phone');
      await expectNoOverflow(reader, 'the instrument’s page');
      const view = await (
        await DemoClient.as(served!.url, WATCHER)
      ).get<InstrumentView>(`/api/instruments/${encodeURIComponent(id)}`);
      expect(view.status).toBe('issued');

      // The verification page checks the bundle in the browser and accepts it.
      await reader.getByRole('link', { name: 'Verify', exact: true }).click();
      await reader.getByRole('heading', { name: 'Verify an instrument' }).waitFor();
      expect(new URL(reader.url()).search).toBe(`?instrument=${encodeURIComponent(id)}`);
      await reader.locator('[data-accepted="true"]').waitFor({ timeout: 30_000 });
      // Named as the instrument is named everywhere, not by its id.
      await reader
        .getByText(`Verifying the bundle this server gives for ${title} of Political Bureau.`)
        .waitFor();
      await reader.getByText(/the checkpoint is signed by the trusted log key/).waitFor();
      // The body by its name in the charter the bundle proves, not its id.
      await reader.getByText(`${title} of Political Bureau, issued as of the checkpoint`).waitFor();
      // The same bundle as a file dropped on the page, as `collegium` exports it.
      const bundle = await exportedBundle(id);
      await verifyFile(reader, tampered(bundle), false);
      await verifyFile(reader, bundle, true);
      await reader.getByText(/No trust policy given: the log key this server states/).waitFor();
      await checkPage(reader, '64-verify-phone');
      await expectNoOverflow(reader, 'the verification page');

      // A bundle whose text was changed is refused, and says why.
      await verifyFile(reader, tampered(bundle), false);
      await reader.locator('.reasons [data-code="tampered"]').waitFor();
      await checkPage(reader, '65-verify-refused');
      await expectNoOverflow(reader, 'the verification page refusing a bundle');
      expect(pages.flatMap((p) => p.problems)).toEqual([]);
    },
  );

  it(
    'shows an instrument transcribed from the minutes drafted on the day it bears',
    SLOW,
    async () => {
      const page = await open(PHONE);
      await visitAs(page, '/instruments/georgia-directive', WATCHER);
      await page
        .locator('.life li', {
          hasText: /^Drafted by the organization on 5 May 1920, transcribed /,
        })
        .waitFor();
      await expectNoOverflow(page, 'a transcribed instrument');
    },
  );

  it('the verify page applies a trust policy pasted on it', SLOW, async () => {
    const watcher = await DemoClient.as(served!.url, WATCHER);
    // The directive the members signed with their own keys above (the example's history holds
    // others, signed for their signers).
    const issued = await watcher.get<{
      instruments: { id: string; signatures: { signer: string; ownKey: boolean }[] }[];
    }>('/api/instruments?state=issued&kind=directive');
    const signedHere = issued.instruments.find((i) =>
      i.signatures.some((s) => s.signer === FIRST && s.ownKey),
    );
    const { logKey } = await watcher.get<{ logKey: string }>('/api/log-key');
    const bundle = await exportedBundle(signedHere!.id);
    const page = await open(PHONE);
    await visitAs(page, '/verify', WATCHER);
    const policy = (signers: number) =>
      [
        `logs: [${logKey}]`,
        'accept:',
        '  - kind: directive',
        `    signed-by: {at-least: ${signers}, of: [${FIRST}, ${SECOND}, ${WATCHER}]}`,
        '    own-keys: true',
      ].join('\n');
    const usePolicy = async (text: string) => {
      await page.getByLabel('Or paste it').fill(text);
      await page.getByRole('button', { name: 'Use this policy' }).click();
    };

    await usePolicy(policy(2));
    await verifyFile(page, bundle, true);
    await page.getByText('Verified under your trust policy, pasted policy.').waitFor();
    await usePolicy(policy(3));
    await page.locator('.reasons [data-code="signers"]').waitFor();
    await checkPage(page, '66-verify-policy-refused');
    await usePolicy('logs: []\naccept: nothing');
    await page
      .getByText(/^pasted policy:\d+:\d+: /)
      .first()
      .waitFor();
    await checkPage(page, '67-verify-policy-problems');
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
