/**
 * An officer puts an amendment of the charter from the console with the network gone after the
 * page opened: the charter's parser, loaded apart from the page, was asked for as the console
 * opened, so the file chosen is read all the same. Where it could not be loaded, the form says so
 * in words, never the browser's "Failed to fetch dynamically imported module" nor a blank page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Page } from 'playwright-core';
import { DemoClient } from './demo-client.js';
import { actAs, checkPage, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 90_000 };
const SESSION = 'amend-offline';
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'amend-offline', pages });
/** The charter adopted at the start, as a YAML file: a charter this organization can adopt. */
let charter: Buffer;
/** The parser's own file, loaded apart from the page. */
const PARSER = /\/assets\/amendment-[^/]*\.js$/;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const secretary = await DemoClient.as(demo.served.url, 'hana');
  await secretary.act('session.open', { session: SESSION, body: 'board', mode: 'live' });
  const log = (await (await fetch(`${demo.served.url}/api/log?from=0&limit=1`)).json()) as {
    entries: { entry?: { payload: Record<string, unknown> } }[];
  };
  charter = Buffer.from(stringify(log.entries[0]!.entry!.payload['charter']));
}, 60_000);

/** The console of the session, open on the secretary's phone: answers the page and its form. */
async function console(watched: WatchedPage): Promise<Page> {
  const { page } = watched;
  await page.goto(demo.served.url);
  await actAs(page, 'hana', 'Hana Kowalski');
  await page.goto(`${demo.served.url}/sessions/${SESSION}`);
  await page.getByText('Put an amendment of the charter').waitFor();
  return page;
}

/** Chooses the charter file in the amendment form, the network gone. */
async function chooseOffline(watched: WatchedPage): Promise<void> {
  const { page, context } = watched;
  await context.setOffline(true);
  await page.getByText('Put an amendment of the charter').click();
  const amend = page.getByRole('form', { name: 'Put an amendment of the charter' });
  await amend.getByLabel('What the amendment does').fill('Shall the charter stand as adopted?');
  await amend.getByLabel('The amended charter (a YAML file)').setInputFiles({
    name: 'charter.yaml',
    mimeType: 'application/yaml',
    buffer: charter,
  });
}

describe.skipIf(!HAVE_CHROMIUM)('an amendment of the charter put offline', () => {
  it('reads the charter file chosen once the network is gone', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const parser = watched.page.waitForResponse(PARSER);
    const page = await console(watched);
    // Asked for as the console opened, before the form is even shown.
    expect((await parser).ok()).toBe(true);
    await chooseOffline(watched);
    await page.getByText('The bodies as amended:').waitFor();
    await checkPage(page, 'amend-offline');
    await watched.context.setOffline(false);
    expect(watched.problems).toEqual([]);
  });

  it('says why the file cannot be read when the parser could not be loaded', SLOW, async () => {
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    // As if the network had gone before the parser came.
    await watched.context.route(PARSER, (route) => route.abort('internetdisconnected'));
    const page = await console(watched);
    await chooseOffline(watched);
    const said = page.getByRole('alert');
    await said.waitFor();
    expect(await said.textContent()).toBe(
      'Could not load the reader of charter files from the server: connect to it once more, then try again.',
    );
    expect(await page.locator('main').innerText()).not.toMatch(/Failed to fetch/);
    await page.getByRole('heading', { name: 'Motions' }).waitFor();
    await watched.context.setOffline(false);
    expect(watched.problems).toEqual([]);
  });
});
