/**
 * The server stopped in the middle of a vote, then started again over the same record. The
 * ballot page says the connection is lost while it is, a ballot cast meanwhile says plainly that
 * it may not have been recorded (never the browser's "Failed to fetch"), and once the server is
 * back both notices go, and the ballot is cast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DemoClient } from './demo-client.js';
import { dataFolder, HAVE_CHROMIUM, LAPTOP, launchChromium, openPage, serve } from './harness.js';
import type { Served, WatchedPage } from './harness.js';

const SESSION = 'board-outage';
const data = dataFolder();
let served: Served;
let browser: Browser;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  [served, browser] = await Promise.all([serve(data, ['--demo']), launchChromium()]);
  // A vote open on the board, Ada present when it opened.
  const secretary = await DemoClient.as(served.url, 'hana');
  await secretary.act('session.open', {
    session: SESSION,
    body: 'board',
    mode: 'live',
    title: 'A meeting the server leaves',
  });
  for (const person of ['ada', 'ben', 'chen', 'eli'])
    await (
      await DemoClient.as(served.url, person)
    ).act('attendance.arrive', {
      session: SESSION,
      person,
    });
  await secretary.act('motion.propose', {
    session: SESSION,
    motion: 'm1',
    text: 'Paint the hall.',
  });
  await secretary.act('vote.open', { session: SESSION, motion: 'm1' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** The ballot page, acting as `person`, its ballot offered. */
async function ballotPageAs(person: string): Promise<WatchedPage> {
  const watched = await openPage(browser, LAPTOP);
  await watched.page.goto(`${served.url}/sessions/${SESSION}/ballot`);
  await watched.page.getByLabel('Act as').selectOption(person);
  await watched.page.getByRole('button', { name: 'Aye' }).waitFor();
  return watched;
}

describe.skipIf(!HAVE_CHROMIUM)('the server out of reach', () => {
  it(
    'is said when the stream cannot open again, as when it goes while the page changes person',
    { timeout: 60_000 },
    async () => {
      const { page, context } = await ballotPageAs('ben');
      // The stream opens again as the person chosen, and finds nothing there to answer.
      await page.route('**/api/events*', (route) => route.abort('connectionrefused'));
      await page.getByLabel('Act as').selectOption('chen');
      const lost = page.locator('.connection-lost');
      await lost.waitFor();
      await page.unroute('**/api/events*');
      await lost.waitFor({ state: 'detached', timeout: 20_000 });
      await context.close();
    },
  );

  it(
    'opens again after the server refused it once it had opened, later, by itself',
    { timeout: 60_000 },
    async () => {
      const { page, context } = await ballotPageAs('ben');
      // A server stopping answers 503, and a browser's stream does not try again after it.
      await page.route('**/api/events*', (route) =>
        route.fulfill({ status: 503, contentType: 'application/json', body: '{}' }),
      );
      // (Ben's stream, opened just before, may answer 200 meanwhile: the refusal is waited for.)
      const refused = page.waitForResponse(
        (r) => r.url().includes('/api/events') && r.status() === 503,
      );
      await page.getByLabel('Act as').selectOption('chen');
      await refused;
      await page.unroute('**/api/events*');
      // A request made after the refusal, by the page itself, opens it.
      const again = await page.waitForRequest((r) => r.url().includes('/api/events'), {
        timeout: 20_000,
      });
      expect((await again.response())?.status()).toBe(200);
      await context.close();
    },
  );

  it('is said once when a read finds the server stopping', { timeout: 60_000 }, async () => {
    const { page, context } = await ballotPageAs('ben');
    // A server stopping closes the stream and answers a read 503 before it goes.
    await page.route('**/api/events*', (route) => route.abort('connectionrefused'));
    await page.route(/\/api\/(?!events)/, (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'unavailable',
                message: 'the server is stopping: send the request again shortly',
              },
            }),
          })
        : route.continue(),
    );
    await page.getByLabel('Act as').selectOption('chen');
    await page.locator('.connection-lost').waitFor();
    await page.waitForTimeout(1_000);
    expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
    await context.close();
  });

  it(
    'is said while it lasts, and a ballot cast meanwhile says it may not have been recorded',
    { timeout: 90_000 },
    async () => {
      const watched = await ballotPageAs('ada');
      const { page } = watched;
      const aye = page.getByRole('button', { name: 'Aye' });
      const lost = page.locator('.connection-lost');
      expect(await lost.count()).toBe(0);

      const port = new URL(served.url).port;
      await served.stop({ keepData: true });
      await lost.waitFor();
      expect(await lost.innerText()).toMatch(/^The connection to the server is lost: reconnecting/);
      await aye.click();
      const refusal = page.getByRole('alert').filter({ hasText: 'your ballot may not have been' });
      await refusal.waitFor();
      expect(await refusal.innerText()).toBe(
        'Could not reach the server: your ballot may not have been recorded. Once the server answers again, this page shows whether it was; if not, try again.',
      );
      // The parts of the page that read again and found no server add nothing: the connection
      // notice says it once.
      await page.waitForTimeout(1_000);
      expect(await page.getByRole('alert').allInnerTexts()).toEqual([await refusal.innerText()]);
      expect(await page.locator('main').innerText()).not.toContain('Failed to fetch');

      served = await serve(data, ['--demo', '--port', port]);
      // Back: both notices go by themselves, and the ballot is there to cast again.
      await lost.waitFor({ state: 'detached', timeout: 40_000 });
      await refusal.waitFor({ state: 'detached' });
      await aye.click();
      await page.locator('.receipt', { hasText: /is entry \d+ of the record/ }).waitFor();
      expect(watched.problems).toEqual([]);
    },
  );
});
