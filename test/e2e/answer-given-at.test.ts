/**
 * An answer an officer records for a member, given by telephone: when it was given may not be
 * later than now, nor before the question was put. The form holds its field to that in the
 * browser, so that a slip of the day is caught there, with the field named, instead of coming
 * back as the record's refusal in its own terms; what was typed stays.
 */
import { describe, expect, it } from 'vitest';
import { DemoClient } from './demo-client.js';
import { actAs, demoInChromium, HAVE_CHROMIUM, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const SLOW = { timeout: 120_000 };
const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'answer-given-at', pages });

/** A moment as a datetime-local input takes it, in the browser's (and this process's) zone. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

describe.skipIf(!HAVE_CHROMIUM)('when an answer recorded for a member was given', () => {
  it('may not be a day to come: the form says so and keeps what was typed', SLOW, async () => {
    const secretary = await DemoClient.as(demo.served.url, 'hana');
    await secretary.act('circulation.open', {
      circulation: 'hedge',
      body: 'board',
      mode: 'live',
      text: 'Shall a hedge be planted along the car park?',
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/circulations/hedge`);
    await actAs(page, 'hana', 'Hana Kowalski');
    const form = page.getByRole('form', { name: 'Record an answer for a member' });
    const given = form.getByLabel('When it was given (optional: now)');
    await form.getByLabel('Comment (optional)').fill('Said yes on the telephone.');
    await given.fill(localInput(new Date(Date.now() + 3 * 86_400_000)));
    await form.getByRole('button', { name: 'Record the answer' }).click();
    expect(await given.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(
      true,
    );
    await given.fill(localInput(new Date(Date.now() - 3 * 86_400_000)));
    await form.getByRole('button', { name: 'Record the answer' }).click();
    expect(await given.evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow)).toBe(
      true,
    );
    await page.waitForTimeout(300);
    const view = await secretary.get<{ answered: number }>('/api/circulations/hedge');
    expect(view.answered).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await form.getByLabel('Comment (optional)').inputValue()).toBe(
      'Said yes on the telephone.',
    );

    // Left empty, it was given now. The form gives its receipt, and chooses no one next: the
    // member just recorded has not "answered meanwhile".
    await given.fill('');
    const member = await form.getByLabel('Member').evaluate((s: HTMLSelectElement) => s.value);
    const name = await form
      .getByLabel('Member')
      .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.text);
    await form.getByRole('button', { name: 'Record the answer' }).click();
    await page.getByText(/by telephone, recorded by Hana Kowalski/).waitFor();
    await form.getByText(new RegExp(`The answer of ${name} is entry \\d+ of the record`)).waitFor();
    expect(await page.getByText('has answered meanwhile').count()).toBe(0);
    expect(await form.getByLabel('Member').inputValue()).toBe('');
    expect(await form.getByLabel('Member').locator(`option[value="${member}"]`).count()).toBe(0);
    await expect(
      form.getByRole('button', { name: 'Record the answer' }).isDisabled(),
    ).resolves.toBe(true);
    expect(watched.problems).toEqual([]);
  });
});
