/**
 * A whole meeting in Chromium against a real demo server: the secretary opens a session, five
 * members on five phones check in and vote, the projector shows the live tally, the chair closes
 * the vote, every page shows the same decision within a second, and the protocol verifies in
 * the browser. Every page is screenshotted and checked with axe-core.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import type { BodyInfo, Organization } from '../../src/web/lib/types.js';
import {
  actAs,
  axeViolations,
  checkPage,
  LAPTOP,
  PHONE,
  PROJECTOR,
  openPage,
  demoInChromium,
  HAVE_CHROMIUM,
} from './harness.js';
import type { WatchedPage } from './harness.js';

const pages: WatchedPage[] = [];

const demo = demoInChromium({ name: 'meeting', pages });

/** A body that can hold the meeting: a chair, a secretary, five voting members besides them. */
function meetingBody(org: Organization): { body: BodyInfo; voters: string[] } {
  for (const body of org.bodies) {
    const voters = body.members.filter(
      (p) => !body.candidates.includes(p) && p !== body.chair && p !== body.secretary,
    );
    if (body.chair && body.secretary && voters.length >= 5)
      return { body, voters: voters.slice(0, 5) };
  }
  throw new Error('the demo organization has no body with a chair, a secretary and five voters');
}

describe.skipIf(!HAVE_CHROMIUM)('a meeting in the browser', () => {
  it('runs from opening to a verified protocol', { timeout: 90_000 }, async () => {
    const url = demo.served.url;
    const org = (await (await fetch(`${url}/api/organization`)).json()) as Organization;
    const { body, voters } = meetingBody(org);
    const name = (id: string) => org.people.find((p) => p.id === id)?.name ?? id;
    const open = async (options: BrowserContextOptions) => {
      const watched = await openPage(demo.browser, options);
      pages.push(watched);
      return watched.page;
    };

    // The secretary opens a session from the organization page.
    const secretary = await open(LAPTOP);
    await secretary.goto(url);
    await actAs(secretary, body.secretary!, name(body.secretary!));
    await checkPage(secretary, '01-organization');
    const form = secretary.locator('form', { hasText: `Open a session of ${body.name}` });
    await form.getByLabel('Title').fill('Meeting under test');
    await form.getByRole('button', { name: 'Open the session' }).click();
    await secretary.waitForURL(/\/sessions\/[^/]+$/);
    const session = decodeURIComponent(new URL(secretary.url()).pathname.split('/')[2]!);
    await secretary.getByRole('heading', { name: 'Meeting under test' }).waitFor();

    // The projector follows the session; the chair takes the console.
    const projector = await open(PROJECTOR);
    await projector.goto(`${url}/sessions/${encodeURIComponent(session)}/projector`);
    await projector.getByText('Waiting for the first motion.').waitFor();
    const chair = await open(LAPTOP);
    await chair.goto(`${url}/sessions/${encodeURIComponent(session)}`);
    await actAs(chair, body.chair!, name(body.chair!));

    // Five members check in from their phones.
    const members = await Promise.all(voters.map(() => open(PHONE)));
    await Promise.all(
      members.map(async (page, i) => {
        await page.goto(`${url}/sessions/${encodeURIComponent(session)}/ballot`);
        await actAs(page, voters[i]!, name(voters[i]!));
        await page.getByRole('button', { name: 'Check in' }).click();
        await page.getByText('You are checked in.').waitFor();
      }),
    );
    await checkPage(members[0]!, '02-ballot-checked-in');
    await chair.getByText('Quorum is met.').waitFor();
    await checkPage(chair, '03-console-attendance');

    // The chair puts a motion and opens the vote.
    await chair.getByLabel('New motion').fill('Shall the board repaint the courtyard fence?');
    await chair.getByRole('button', { name: 'Put the motion' }).click();
    await chair.getByRole('button', { name: 'Open the vote' }).click();
    await projector.getByText('Voting now').waitFor();
    await members[0]!.getByRole('button', { name: 'Aye', exact: true }).waitFor();
    await checkPage(members[0]!, '04-ballot-open');

    // They vote: three ayes, a nay, an abstention; each gets a receipt naming its entry.
    const choices = ['Aye', 'Aye', 'Aye', 'Nay', 'Abstain'];
    await Promise.all(
      members.map(async (page, i) => {
        await page.getByRole('button', { name: choices[i], exact: true }).click();
        await page.locator('.receipt', { hasText: /is entry \d+ of the record/ }).waitFor();
      }),
    );
    await checkPage(members[0]!, '05-ballot-receipt');
    await projector.getByText('5 of 5 present have voted').waitFor();
    await projector.locator('.tally-aye .count', { hasText: '3' }).waitFor();
    await checkPage(projector, '06-projector-tally');
    // The room reads the projector: nothing axe finds, moderate or minor, stands on it.
    expect(await axeViolations(projector, ['minor', 'moderate'])).toEqual([]);

    // The chair closes the vote; every page shows the same decision within a second.
    const everyPage = [secretary, chair, projector, ...members];
    await chair.getByRole('button', { name: 'Close the vote', exact: true }).click();
    const confirm = chair.getByRole('dialog', { name: /Close the vote/ });
    await confirm.getByText(/Closing now records: adopted: 3 ayes/).waitFor();
    const closed = Date.now();
    await confirm.getByRole('button', { name: 'Record the decision' }).click();
    const shown = await Promise.all(
      everyPage.map(async (page) => {
        const decision = page.locator('.decision[data-outcome]').first();
        await decision.waitFor({ timeout: 5_000 });
        const after = Date.now() - closed;
        return { after, text: (await decision.locator('.explanation').textContent()) ?? '' };
      }),
    );
    const slowest = Math.max(...shown.map((s) => s.after));
    console.log(
      `the decision reached all ${everyPage.length} pages within ${slowest} ms of the close`,
    );
    expect(
      slowest,
      `every page shows the decision within a second (slowest ${slowest} ms)`,
    ).toBeLessThan(1_000);
    expect(new Set(shown.map((s) => s.text)).size).toBe(1);
    expect(shown[0]!.text).toMatch(/^adopted: 3 ayes/);
    await checkPage(chair, '07-console-decision');
    await checkPage(projector, '08-projector-decision');
    await checkPage(members[3]!, '09-ballot-decision');

    // The minutes verify in the browser.
    await secretary.goto(`${url}/sessions/${encodeURIComponent(session)}/minutes`);
    await secretary.locator('.minutes-item .minutes-decision').waitFor();
    await secretary.getByRole('button', { name: 'Verify in this browser' }).click();
    await secretary.locator('[data-verified="true"]').waitFor({ timeout: 15_000 });
    const proven = await secretary.locator('.proven li').allTextContents();
    expect(proven.join('\n')).toMatch(/checkpoint is signed by the log key/);
    expect(proven.join('\n')).toMatch(/none was left out/);
    await checkPage(secretary, '10-protocol-verified');

    // A receipt leads to its entry's proof, which verifies too; the explorer lists the record.
    const ballot = members[1]!;
    await ballot
      .getByRole('link', { name: /See entry \d+ and its proof/ })
      .first()
      .click();
    await ballot.getByRole('heading', { name: /^Entry \d+$/ }).waitFor();
    await ballot.getByRole('button', { name: 'Verify in this browser' }).click();
    await ballot.locator('[data-verified="true"]').waitFor();
    await checkPage(ballot, '11-entry-proof');
    await secretary.getByRole('link', { name: 'Record', exact: true }).click();
    await secretary.locator('table.entries tbody tr').first().waitFor();
    await checkPage(secretary, '12-record-explorer');

    // The chair closes the session; the projector says so.
    await chair.getByRole('button', { name: 'Close the session', exact: true }).click();
    await chair
      .getByRole('dialog', { name: 'Close the session?' })
      .getByRole('button', { name: 'Yes, close the session' })
      .click();
    await projector.getByText('the session is closed').waitFor();

    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
});
