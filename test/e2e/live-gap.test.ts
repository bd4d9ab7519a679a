/**
 * A page's event stream opened again with no event to resume from (here: opened anew for the
 * person just signed in, before any event came) must not miss what was recorded while it was
 * closed: the page reads what it shows anew once the stream is open.
 */
import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import type { Organization } from '../../src/web/lib/types.js';
import { DemoClient } from './demo-client.js';
import { actAs, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';

const demo = demoInChromium();

describe.skipIf(!HAVE_CHROMIUM)('the live stream opened again', () => {
  it('shows what was recorded while it was closed', { timeout: 60_000 }, async () => {
    const url = demo.served.url;
    const org = (await (await fetch(`${url}/api/organization`)).json()) as Organization;
    const body = org.bodies.find(
      (b) => b.secretary && b.members.filter((m) => m !== b.secretary).length >= 2,
    )!;
    const [first, second] = body.members.filter((m) => m !== body.secretary) as [string, string];
    const name = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;
    const session = 'stream-gap';
    const secretary = await DemoClient.as(url, body.secretary!);
    await secretary.act('session.open', { session, body: body.id, mode: 'live' });

    const { page } = await openPage(demo.browser, PHONE);
    await page.goto(`${url}/sessions/${session}/ballot`);
    await actAs(page, first, name(first));
    await page.getByRole('button', { name: 'Check in' }).waitFor();

    // The stream opened for the next person is held until that person has checked in elsewhere.
    const held: Route[] = [];
    await page.route('**/api/events**', (route) => void held.push(route));
    await actAs(page, second, name(second));
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await (await DemoClient.as(url, second)).act('attendance.arrive', { session, person: second });
    for (const route of held) await route.continue();
    await page.unroute('**/api/events**');

    await page.getByText('You are checked in.').waitFor({ timeout: 10_000 });
  });
});
