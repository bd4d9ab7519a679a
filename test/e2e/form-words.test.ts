/**
 * What the forms say when the record would refuse what was typed or chosen: in words a member
 * reads, naming the field as the form labels it and a file by its name, never the API's path or
 * zod's wording; inputs that take no more characters than the record does. And an invitation that
 * cannot be used, said in one sentence.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CHARS } from '../../src/core/text-limits.js';
import { actAs, demoInChromium, HAVE_CHROMIUM, LAPTOP, openPage } from './harness.js';
import type { WatchedPage } from './harness.js';

const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'form-words', pages });

/** A page of the demo, as the board's secretary. */
async function asSecretary(path: string) {
  const watched = await openPage(demo.browser, LAPTOP);
  pages.push(watched);
  const { page } = watched;
  await page.goto(`${demo.served.url}${path}`);
  await actAs(page, 'hana', 'Hana Kowalski');
  return watched;
}

describe.skipIf(!HAVE_CHROMIUM)('the words of the forms', () => {
  it('a session’s title: as long as the record takes, and refused by its label', async () => {
    const { page, problems } = await asSecretary('/');
    const form = page.locator('form', { hasText: 'Open a session of Board of Directors' });
    const title = form.getByLabel('Title');
    expect(await title.getAttribute('maxlength')).toBe(String(MAX_CHARS.title));
    expect(await form.getByLabel('Place (optional)').getAttribute('maxlength')).toBe(
      String(MAX_CHARS.title),
    );
    // A turn of direction left open, as a pasted text may hold.
    await title.fill('Budget \u202e2027');
    await form.getByRole('button', { name: 'Open the session' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      'Title "Budget \\u202e2027": a change of direction (U+202E) at character 8 that is not ended before the line ends',
    );
    expect(problems).toEqual([]);
  });

  it('a dispatch’s attachment: refused by its name', async () => {
    const { page, problems } = await asSecretary('/dispatches/new');
    const form = page.getByRole('form', { name: 'Register a dispatch' });
    expect(await form.getByLabel('From').getAttribute('maxlength')).toBe(String(MAX_CHARS.title));
    expect(await form.getByLabel('Text').getAttribute('maxlength')).toBe(
      String(MAX_CHARS.document),
    );
    await form.getByLabel('From').fill('The Harbour Authority');
    await form.getByLabel('Text').fill('Moorings for the winter.');
    await form.getByLabel('Attachments (optional)').setInputFiles([
      { name: 'letter.txt', mimeType: 'text/plain', buffer: Buffer.from('a letter') },
      { name: 'scan\u202efdp.exe', mimeType: 'text/plain', buffer: Buffer.from('a scan') },
    ]);
    await form.getByText('sha256 ', { exact: false }).nth(1).waitFor();
    await form.getByRole('button', { name: 'Register the dispatch' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      'Attachment "scan\\u202efdp.exe": a change of direction (U+202E) at character 5 that is not ended before the line ends',
    );
    expect(problems).toEqual([]);
  });

  it('a file larger than the server takes: said as soon as it is chosen, and never sent', async () => {
    const { page, problems } = await asSecretary('/dispatches/new');
    const form = page.getByRole('form', { name: 'Register a dispatch' });
    const posted: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && posted.push(r.url())));
    await form.getByLabel('Attachments (optional)').setInputFiles({
      name: 'minutes-scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(14_600_000), // over the server's default, 10 MiB
    });
    const said = form.getByRole('alert');
    await said.waitFor();
    expect(await said.innerText()).toBe(
      'minutes-scan.pdf is 13.9 MiB, more than the server takes: at most 10 MiB (10,485,760 bytes) a file. It is not attached.',
    );
    expect(await form.locator('.attachments').count()).toBe(0);
    expect(posted).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a number the register holds already: said on the field, and never sent', async () => {
    const { page, problems } = await asSecretary('/dispatches/new');
    const posted: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && posted.push(r.url())));
    const registerOne = async (number: string) => {
      const form = page.getByRole('form', { name: 'Register a dispatch' });
      await form.getByLabel('Number (optional)').fill(number);
      await form.getByLabel('From').fill('The Harbour Authority');
      await form.getByLabel('Text').fill('Moorings for the winter.');
      return form;
    };
    await (
      await registerOne('HA/7')
    )
      .getByRole('button', { name: 'Register the dispatch' })
      .click();
    await page.getByRole('heading', { name: 'Dispatch No. HA/7 registered' }).waitFor();
    await page.goto(`${demo.served.url}/dispatches/new`);
    const form = await registerOne(' HA/7 ');
    const number = form.getByLabel('Number (optional)');
    const said = form.getByRole('alert');
    await said.waitFor();
    expect(await said.innerText()).toBe(
      'No. HA/7 is in this register already: give another number, or leave it empty.',
    );
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('button', { name: 'Register the dispatch' }).isDisabled()).toBe(
      true,
    );
    await number.fill('HA/8');
    expect(await said.count()).toBe(0);
    expect(posted).toHaveLength(1);
    // The instruments' register says it the same way: the demo's board issued its No. 2026/1.
    await page.goto(`${demo.served.url}/instruments/new`);
    const draft = page.getByRole('form', { name: 'Draft an instrument' });
    await draft.getByLabel('Number (optional)').fill('2026/1');
    expect(await draft.getByRole('alert').innerText()).toBe(
      'No. 2026/1 is in this register already: give another number, or leave it empty.',
    );
    expect(problems).toEqual([]);
  });

  it('a draft not ready to send: its button says which fields it waits for', async () => {
    const { page, problems } = await asSecretary('/instruments/new');
    const form = page.getByRole('form', { name: 'Draft an instrument' });
    const button = form.getByRole('button', { name: 'Draft the instrument' });
    await form.getByLabel('Kind').selectOption('payment-order');
    const waiting = async () => (await button.getAttribute('aria-describedby')) ?? '';
    const said = async () => page.locator(`[id="${await waiting()}"]`).innerText();
    expect(await button.isDisabled()).toBe(true);
    expect(await said()).toBe('Still to fill in: Text, It rests on the decision.');
    await form.getByLabel('Text').fill('Pay Fence Painters Ltd 800 for the courtyard fence.');
    expect(await said()).toBe('Still to fill in: It rests on the decision.');
    await form.getByLabel('It rests on the decision').selectOption({ index: 1 });
    expect(await button.isDisabled()).toBe(false);
    expect(await waiting()).toBe('');
    expect(await form.getByText('Still to fill in').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('an invitation that cannot be used: why, in one sentence', async () => {
    const watched = await openPage(demo.browser, LAPTOP);
    pages.push(watched);
    const { page } = watched;
    const said = page.getByRole('alert');
    await page.goto(`${demo.served.url}/enrol`);
    expect(await said.innerText()).toBe(
      'This invitation cannot be used: this link carries no invitation. Ask the secretary for a new one.',
    );
    await page.goto(`${demo.served.url}/enrol#${'x'.repeat(43)}`);
    await said.filter({ hasText: 'no invitation' }).waitFor();
    expect(await said.innerText()).toBe(
      'This invitation cannot be used: no invitation with that token. Ask the secretary for a new one.',
    );
    expect(watched.problems).toEqual([]);
  });
});
