/**
 * Two windows of one browser share its sign-in cookie. When one window signs in as someone else,
 * the other, still showing the first person, must not act for the second: its next act sends
 * nothing, says why, and the window then shows who is signed in; looked at again, it says so
 * before anyone acts in it.
 */
import { describe, expect, it } from 'vitest';
import type { Organization, SessionSummary } from '../../src/web/lib/types.js';
import { actAs, LAPTOP, openPage, demoInChromium, HAVE_CHROMIUM } from './harness.js';

const demo = demoInChromium();

describe.skipIf(!HAVE_CHROMIUM)('two windows of one browser', () => {
  it(
    'a window never acts for the person another window signed in as',
    { timeout: 60_000 },
    async () => {
      const url = demo.served.url;
      const org = (await (await fetch(`${url}/api/organization`)).json()) as Organization;
      const body = org.bodies.find((b) => b.secretary && b.members.some((m) => m !== b.secretary))!;
      const secretary = body.secretary!;
      const member = body.members.find((m) => m !== secretary && m !== body.chair)!;
      const name = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;
      const sessions = async () =>
        ((await (await fetch(`${url}/api/sessions`)).json()) as SessionSummary[]).length;

      const { page: first, context } = await openPage(demo.browser, LAPTOP);
      await first.goto(url);
      await actAs(first, secretary, name(secretary));
      const form = first.locator('form', { hasText: `Open a session of ${body.name}` });
      await form.getByLabel('Title').fill('Opened from a stale window');

      // Another window of the same browser signs in as a member.
      const second = await context.newPage();
      await second.goto(url);
      await actAs(second, member, name(member));

      const before = await sessions();
      await form.getByRole('button', { name: 'Open the session' }).click();
      // Said in the frame of the page, which stays when the form goes with the person it was for,
      // by the person's name, and the header says who is signed in at the same moment.
      const notice = first.locator('.session-notice', {
        hasText: `now signed in as ${name(member)}, in another window: nothing was sent`,
      });
      await notice.waitFor();
      expect(await first.locator('.who strong').innerText()).toBe(name(member));
      expect(await sessions()).toBe(before);
    },
  );

  it(
    'a window looked at again says who is signed in now, before anyone acts in it',
    { timeout: 60_000 },
    async () => {
      const url = demo.served.url;
      const org = (await (await fetch(`${url}/api/organization`)).json()) as Organization;
      const [one, other] = org.people.filter((p) =>
        org.bodies.some((b) => b.members.includes(p.id)),
      );
      const { page: first, context } = await openPage(demo.browser, LAPTOP);
      await first.goto(url);
      await actAs(first, one!.id, one!.name);
      const second = await context.newPage();
      await second.goto(url);
      await actAs(second, other!.id, other!.name);

      // The visitor comes back to the first window: it asks, and says so by itself.
      await first.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await first
        .locator('.session-notice', {
          hasText: `now signed in as ${other!.name}, in another window`,
        })
        .waitFor();
      expect(await first.locator('.who strong').innerText()).toBe(other!.name);
      await context.close();
    },
  );

  it(
    'a window looked at again after the browser was signed out says so',
    { timeout: 60_000 },
    async () => {
      const url = demo.served.url;
      const org = (await (await fetch(`${url}/api/organization`)).json()) as Organization;
      const one = org.people.find((p) => org.bodies.some((b) => b.members.includes(p.id)))!;
      const { page, context } = await openPage(demo.browser, LAPTOP);
      await page.goto(url);
      await actAs(page, one.id, one.name);
      // Signed out elsewhere: the cookie the windows share is gone.
      await context.clearCookies();
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      const notice = page.locator('.session-notice');
      await notice.waitFor();
      expect(await notice.innerText()).toBe(
        'This browser was signed out in another window, or its key was revoked: sign in again.',
      );
      expect(await page.locator('.who strong').count()).toBe(0);
      await context.close();
    },
  );
});
