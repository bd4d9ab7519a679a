/**
 * The minutes page in Chromium against a real demo server (the Central Committee of 1918, its
 * sessions transcribed from their minutes): the historical date, names and decisions in words,
 * each part linked to its proof, verified in the browser; the downloads; nothing wider than a
 * phone (390 x 844) on the minutes, the record explorer, an entry and the projector; printed
 * without navigation, banners or buttons; those present who are not of the body named apart; and
 * the chair signing the minutes in the browser.
 * Every page is checked with axe-core.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
const SLOW = { timeout: 120_000 };
/** The Central Committee on the peace with Germany: three motions, two adopted. */
const PEACE = 'cc-1918-01-24';
/** The Council of People's Commissars, Lenin in the chair: he signs its minutes. */
const COUNCIL = 'cpc-1918-02-26';
/** The Politburo, Lenin in its chair: it decides in writing between meetings too. */
const POLITBURO = 'pb-1920-05-05';
let served: Served | undefined;
let browser: Browser | undefined;
let org: Organization;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  [served, browser] = await Promise.all([
    serve(dataFolder(), ['--demo', '--example', 'central-committee-1918']),
    launchChromium(),
  ]);
  org = await (await DemoClient.as(served.url, 'lenin')).get<Organization>('/api/organization');
}, 60_000);

afterAll(async () => {
  await Promise.all(
    pages.map((p, i) => screenshot(p.page, `minutes-zz-last-${i}`).catch(() => undefined)),
  );
  await browser?.close();
  await served?.stop();
});

const nameOf = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;
const minutesPath = (session: string) => `/sessions/${session}/minutes`;

/** Opens `path` signed in as `person` (the record is open to its members only). */
async function visitAs(path: string, person: string, options = LAPTOP): Promise<Page> {
  const watched = await openPage(browser!, options);
  pages.push(watched);
  const page = watched.page;
  const { csrf } = (await (await page.request.get(`${served!.url}/api/me`)).json()) as Me;
  const login = await page.request.post(`${served!.url}/api/demo/login`, {
    data: { person },
    headers: { 'x-csrf-token': csrf, origin: served!.url },
  });
  expect(login.ok(), await login.text()).toBe(true);
  await page.goto(`${served!.url}${path}`);
  await page.locator('.who strong', { hasText: nameOf(person) }).waitFor();
  return page;
}

async function expectNoOverflow(page: Page, what: string): Promise<void> {
  const { width, widest } = (await page.evaluate(`({
    width: document.documentElement.scrollWidth,
    widest: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 390)
      .slice(0, 5)
      .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)),
  })`)) as { width: number; widest: string[] };
  expect(width, `${what} is ${width} px wide: ${widest.join('; ')}`).toBeLessThanOrEqual(390);
}

describe.skipIf(!haveChromium)('the minutes page', () => {
  it(
    'shows the historical date, the names and the decisions in words, verified',
    SLOW,
    async () => {
      const page = await visitAs(minutesPath(PEACE), 'lenin');
      await page.locator('#minutes-title').waitFor();
      // The session's own date, never the day the example was replayed.
      expect(await page.locator('[data-field="date"]').textContent()).toBe('24 January 1918');
      expect(await page.locator('[data-status]').textContent()).toBe('Draft, not yet approved');
      expect(await page.locator('[data-field="secretary"]').textContent()).toBe('E. D. Stassova');
      expect(await page.locator('[data-field="present"]').textContent()).toMatch(
        /^13 members: V\. I\. Lenin, L\. D\. Trotsky/,
      );
      // Each motion: its proposer by name, its decision in words, linked to its proof.
      const peace = page.locator('[data-motion="no-war-no-peace"]');
      expect(await peace.locator('[data-field="proposer"]').textContent()).toBe('L. D. Trotsky');
      await peace.getByText('Decision: Adopted.').waitFor();
      expect(await page.locator('.minutes-decision[data-outcome="adopted"]').count()).toBe(2);
      expect(await page.locator('.minutes-decision[data-outcome="rejected"]').count()).toBe(1);
      const decided = await peace
        .getByRole('link', { name: /^Decided: entry \d+$/ })
        .getAttribute('href');
      expect(decided).toMatch(/^\/record\/\d+$/);
      // The appendix links every proof line to its entry's page.
      const lines = page.locator('.proof-lines a');
      expect(await lines.count()).toBeGreaterThan(3);
      for (const href of await lines.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
        expect(href).toMatch(/^\/record\/\d+$/);
      await page.locator('[data-log-key]').waitFor();
      // Names, not ids: no motion names its proposer by id.
      expect(await page.locator('[data-field="proposer"]').allTextContents()).not.toContain(
        'trotsky',
      );
      await checkPage(page, 'minutes-01-history');

      await page.getByRole('button', { name: 'Verify in this browser' }).click();
      await page.locator('[data-verified="true"]').waitFor({ timeout: 20_000 });
      expect((await page.locator('.proven li').allTextContents()).join('\n')).toMatch(
        /none was left out/,
      );

      // The page's former address shows the same minutes.
      await page.goto(`${served!.url}/sessions/${PEACE}/protocol`);
      expect(await page.locator('[data-field="date"]').textContent()).toBe('24 January 1918');
    },
  );

  it('links the minutes as files and the session’s tables as downloads', SLOW, async () => {
    const page = await visitAs(minutesPath(PEACE), 'trotsky');
    const links = page.locator('[data-download]');
    await links.first().waitFor();
    const found = await links.evaluateAll((as) =>
      as.map((a) => [
        a.getAttribute('data-download'),
        a.getAttribute('href'),
        a.hasAttribute('download'),
      ]),
    );
    expect(found).toEqual([
      ['md', `/api/sessions/${PEACE}/minutes.md`, true],
      ['html', `/api/sessions/${PEACE}/minutes.html`, true],
      ['pdf', `/api/sessions/${PEACE}/minutes.pdf`, true],
      ['decisions', `/api/exports/decisions.csv?session=${PEACE}`, true],
      ['votes', `/api/exports/votes.csv?session=${PEACE}`, true],
      ['attendance', `/api/exports/attendance.csv?session=${PEACE}`, true],
    ]);
    const md = await page.request.get(`${served!.url}/api/sessions/${PEACE}/minutes.md`);
    expect(md.status()).toBe(200);
    expect(await md.text()).toContain('24 January 1918');
    const decisions = await page.request.get(
      `${served!.url}/api/exports/decisions.csv?session=${PEACE}`,
    );
    expect(decisions.status()).toBe(200);
    expect((await decisions.text()).split('\n')[0]).toMatch(/^session,circulation,body,/);
  });

  it('fits a phone 390 px wide: minutes, explorer, an entry, the projector', SLOW, async () => {
    const page = await visitAs(minutesPath(PEACE), 'lenin', PHONE);
    await page.locator('.proof-lines').waitFor();
    await expectNoOverflow(page, 'the minutes');
    await checkPage(page, 'minutes-02-phone');
    await page.goto(`${served!.url}/record`);
    await page.locator('main table, main ol, main ul').first().waitFor();
    await expectNoOverflow(page, 'the record explorer');
    for (const index of [0, 1, 120]) {
      await page.goto(`${served!.url}/record/${index}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoOverflow(page, `entry ${index}`);
    }
    await page.goto(`${served!.url}/sessions/${PEACE}/projector`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectNoOverflow(page, 'the projector');
  });

  it('prints as the document alone', SLOW, async () => {
    const page = await visitAs(minutesPath(PEACE), 'lenin');
    await page.locator('.proof-lines').waitFor();
    await page.emulateMedia({ media: 'print' });
    const shown = (await page.evaluate(`(() => {
      const display = (s) => [...document.querySelectorAll(s)].map((e) => getComputedStyle(e).display);
      return {
        site: display('header.site'),
        demo: display('.demo'),
        nav: display('nav'),
        buttons: display('button'),
        title: display('#minutes-title'),
        items: display('.minutes-item'),
      };
    })()`)) as Record<string, string[]>;
    for (const hidden of ['site', 'demo', 'nav', 'buttons']) {
      expect(shown[hidden]!.length, hidden).toBeGreaterThan(0);
      expect(new Set(shown[hidden]), hidden).toEqual(new Set(['none']));
    }
    expect(shown['title']).toEqual(['block']);
    expect(shown['items']!.length).toBe(3);
    expect(shown['items']).not.toContain('none');
  });

  it('names those present who are not of the body apart from its members', SLOW, async () => {
    const session = 'cpc-with-a-guest';
    const chair = await DemoClient.as(served!.url, 'lenin');
    await chair.act('session.open', {
      session,
      body: 'council',
      mode: 'live',
      title: 'A sitting with a guest',
      date: new Date().toISOString().slice(0, 10),
    });
    // Sverdlov, of the Central Committee but not of the Council, sits in; the chair records it.
    for (const person of ['lenin', 'trotsky', 'stalin', 'sverdlov'])
      await chair.act('attendance.arrive', { session, person });
    await chair.act('session.close', { session });
    const page = await visitAs(minutesPath(session), 'lenin');
    const alsoPresent = page.locator('[data-field="also-present"]');
    await alsoPresent.waitFor();
    expect(await alsoPresent.innerText()).toBe(nameOf('sverdlov'));
    const present = await page.locator('[data-field="present"]').innerText();
    expect(present).toMatch(/^3 members: /);
    expect(present).not.toContain(nameOf('sverdlov'));
  });

  it('is signed by the chair in the browser, and then shows the signature', SLOW, async () => {
    // A member who does not sign them is not offered to.
    const member = await visitAs(minutesPath(COUNCIL), 'trotsky');
    await member.locator('#minutes-title').waitFor();
    expect(await member.getByRole('button', { name: 'Sign the minutes' }).count()).toBe(0);

    const chair = await visitAs(minutesPath(COUNCIL), 'lenin');
    expect(await chair.getByText('No signature yet.').count()).toBe(1);
    await chair.getByRole('button', { name: 'Sign the minutes' }).click();
    const signed = chair.locator('.signatures li[data-signer="lenin"]');
    await signed.waitFor({ timeout: 10_000 });
    expect(await signed.textContent()).toMatch(/^Signed by V\. I\. Lenin, chair, on /);
    expect(await chair.getByRole('button', { name: 'Sign the minutes' }).count()).toBe(0);
    await checkPage(chair, 'minutes-03-signed');
    // The record holds it: the minutes read over HTTP say so.
    const read = await (
      await DemoClient.as(served!.url, 'lenin')
    ).get<{
      approval: { signatures: { signer: { id: string } }[] };
    }>(`/api/sessions/${COUNCIL}/minutes`);
    expect(read.approval.signatures.map((s) => s.signer.id)).toEqual(['lenin']);
  });

  it('is put for approval by an officer, as a question prefilled to approve it', SLOW, async () => {
    const page = await visitAs(minutesPath(POLITBURO), 'lenin');
    await page.getByRole('link', { name: /in writing, between meetings$/ }).click();
    await page.locator(`[data-approves="${POLITBURO}"]`).waitFor();
    // The session named as a reader knows it, by its body and day: its id is the record's.
    expect(await page.getByLabel('The question').inputValue()).toMatch(
      /^Approve the minutes of the session of Political Bureau on \d{1,2} [A-Z][a-z]+ \d{4}( \(.+\))?\.$/,
    );
    expect(await page.locator(`[data-approves="${POLITBURO}"]`).innerText()).not.toContain(
      POLITBURO,
    );
    await page.getByRole('button', { name: 'Put the question' }).click();
    // The form itself is at /circulations/new: wait for the question's own page.
    await page.waitForURL((url) => /^\/circulations\/(?!new$)[^/]+$/.test(url.pathname));
    await page.goto(`${served!.url}${minutesPath(POLITBURO)}`);
    await page.getByText(/^Put for approval, not yet decided: /).waitFor();
  });
});
