/**
 * Two windows of one browser share its sign-in cookie. When one window signs in as someone else,
 * the other, still showing the first person, must not act for the second: its next act sends
 * nothing, says why, and the window then shows who is signed in.
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
      // Said in the frame of the page, which stays when the form goes with the person it was for.
      await first
        .locator('.session-notice', {
          hasText: new RegExp(`now signed in as ${member}, in another window: nothing was sent`),
        })
        .waitFor();
      await first.locator('.who strong', { hasText: name(member) }).waitFor();
      expect(await sessions()).toBe(before);
    },
  );
});
