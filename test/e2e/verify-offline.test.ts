/**
 * A member verifies an instrument offline: the verify page open, the network then gone, the
 * bundle file they downloaded before chosen. Everything is checked in the browser, so the verdict
 * comes all the same (the page has asked the server for what it takes as it opened), never the
 * browser's "Failed to fetch dynamically imported module".
 */
import { describe, expect, it } from 'vitest';
import { checkPage, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 60_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'verify-offline', pages });

describe.skipIf(!HAVE_CHROMIUM)('verifying an instrument offline', () => {
  it('accepts a bundle file chosen once the network is gone', SLOW, async () => {
    const { instruments } = (await (await fetch(`${demo.served.url}/api/instruments`)).json()) as {
      instruments: { id: string; status: string }[];
    };
    const issued = instruments.find((i) => i.status === 'issued');
    expect(issued, 'the demo has an issued instrument').toBeDefined();
    const bundle = await (
      await fetch(`${demo.served.url}/api/instruments/${issued!.id}/bundle`)
    ).text();

    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page, context } = watched;
    // What the page asks for as it opens: the verifier's code and the log key the server states.
    const asked = [/\/api\/log-key$/, /\/instrument-verify-[^/]*\.js$/, /\/bundle-file-[^/]*\.js$/];
    const answered = Promise.all(asked.map((url) => page.waitForResponse(url)));
    await page.goto(`${demo.served.url}/verify`);
    await page.getByRole('heading', { name: 'Verify an instrument' }).waitFor();
    await answered;
    await context.setOffline(true);
    await page.getByLabel('Bundle file (drop it here or choose it)').setInputFiles({
      name: `${issued!.id}.bundle.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(bundle),
    });
    // A verdict, whichever it is (an instrument issued may have lapsed since): the proofs checked.
    await page.locator('[data-accepted]').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'What the bundle proves' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Failed to fetch/);
    await checkPage(page, 'verify-offline');
    await context.setOffline(false);
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });

  it('says plainly that an entry or the minutes cannot be verified offline', SLOW, async () => {
    const sessions = (await (await fetch(`${demo.served.url}/api/sessions`)).json()) as
      { id: string }[] | { sessions: { id: string }[] };
    const session = (Array.isArray(sessions) ? sessions : sessions.sessions)[0]!.id;
    for (const path of ['/record/1', `/sessions/${session}/minutes`]) {
      const watched = await openPage(demo.browser, PHONE);
      pages.push(watched);
      const { page, context } = watched;
      await page.goto(`${demo.served.url}${path}`);
      const verify = page.getByRole('button', { name: 'Verify in this browser' });
      await verify.waitFor();
      await context.setOffline(true);
      await verify.click();
      const failed = page.locator('[data-verified="false"]');
      await failed.waitFor();
      const said = (await failed.textContent()) ?? '';
      expect(said, path).toMatch(/could not reach the server .*nothing was verified/);
      expect(said, path).not.toMatch(/Failed to fetch/);
      await context.setOffline(false);
    }
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
