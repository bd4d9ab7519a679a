/**
 * Bundle files dropped on the verify page in Chromium are read as `collegium verify` reads them
 * (src/verify/bundle-file.ts): a UTF-16 file, an empty one, a key given twice, a Latin-1 byte and
 * JSON cut short are refused in the very words the command line prints, at the same line and
 * column; a bundle of entries is told it is not an instrument's; a refused file leaves no verdict
 * of the file before it on the page. A policy's keys that could never verify are warned of in the
 * lines the command line prints.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cli } from '../support/cli.js';
import { HAVE_CHROMIUM, checkPage, demoInChromium, openPage, PHONE } from './harness.js';
import type { WatchedPage } from './harness.js';

const pages: WatchedPage[] = [];
const demo = demoInChromium({ name: 'verify-files', pages });
// The payment order, issued with no term: in force whatever the day the test runs (the mandate
// beside it ran until the end of November).
const INSTRUMENT = 'barn-roof-deposit';
const dir = mkdtempSync(join(tmpdir(), 'collegium-verify-files-e2e-'));

/** The bundle the demo's server gives for `path`, as its text. */
async function served(path: string): Promise<string> {
  const response = await fetch(`${demo.served.url}${path}`);
  expect(response.ok, path).toBe(true);
  return response.text();
}

/** What `collegium verify` says of the file `name` holding `bytes`, with the file's own name. */
async function cliSays(name: string, bytes: Buffer): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, 'logs: [x+00000000+AA==]\naccept:\n  - kind: payment-order\n');
  const r = await cli('verify', file, '--trust', policy);
  expect(r.code).toBe(1);
  return r.err.split('\n')[0]!.replace(`${dir}/`, '');
}

async function drop(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByLabel('Bundle file (drop it here or choose it)').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: bytes,
  });
}

describe.skipIf(!HAVE_CHROMIUM)('bundle files on the verify page', () => {
  it('are refused in the words of the command line, at the same place', async () => {
    const bundle = await served(`/api/instruments/${INSTRUMENT}/bundle`);
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/verify`);
    await page.getByRole('heading', { name: 'Verify an instrument' }).waitFor();

    await drop(page, `${INSTRUMENT}.bundle.json`, Buffer.from(bundle));
    await page.locator('[data-accepted="true"]').waitFor({ timeout: 30_000 });

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bundle, 'utf16le')]);
    const at = bundle.indexOf(INSTRUMENT) + 1;
    const files: [string, Buffer][] = [
      ['utf16.json', utf16],
      ['empty.json', Buffer.alloc(0)],
      ['twice.json', Buffer.from(bundle.replace('{', '{"checkpoint": "garbage", '))],
      [
        'latin1.json',
        Buffer.concat([
          Buffer.from(bundle.slice(0, at)),
          Buffer.from([0xe9]),
          Buffer.from(bundle.slice(at)),
        ]),
      ],
      ['cut.json', Buffer.from(bundle.slice(0, bundle.length / 2))],
      ['nine.json', Buffer.from(bundle.replace('-bundle/1', '-bundle/9'))],
    ];
    for (const [name, bytes] of files) {
      const said = await cliSays(name, bytes);
      expect(said).toMatch(new RegExp(`^${name.replace('.', '\\.')}:\\d+:\\d+: `));
      await drop(page, name, bytes);
      await page.getByRole('alert').filter({ hasText: said }).waitFor();
      expect(await page.getByRole('alert').textContent()).toBe(said);
      // The file verified before is no longer what the page shows a verdict of.
      expect(await page.locator('[data-accepted]').count()).toBe(0);
    }
    await checkPage(page, '68-verify-file-refused');

    const entries = await served('/api/bundle?from=0&to=2');
    await drop(page, 'entries.json', Buffer.from(entries));
    await page
      .getByRole('alert')
      .filter({
        hasText:
          "entries.json is a bundle of entries (collegium-bundle/2), not an instrument's bundle (collegium-instrument-bundle/1)",
      })
      .waitFor();
    expect(watched.problems).toEqual([]);
  });

  it('reads a policy file as its bytes, as the command line does', async () => {
    const bundle = await served(`/api/instruments/${INSTRUMENT}/bundle`);
    const bundleFile = join(dir, 'bundle.json');
    writeFileSync(bundleFile, bundle);
    const { logKey } = JSON.parse(await served('/api/log-key')) as { logKey: string };
    const text = `logs: [${logKey}]\naccept:\n  - kind: payment-order # caf`;
    const latin1 = Buffer.concat([Buffer.from(text), Buffer.from([0xe9, 0x0a])]);
    const policy = join(dir, 'latin1.yaml');
    writeFileSync(policy, latin1);
    const r = await cli('verify', bundleFile, '--trust', policy);
    expect(r.code).toBe(1);
    const said = r.err.split('\n')[0]!.replace(`${dir}/`, '');
    expect(said).toBe(
      'latin1.yaml:3:30: byte 0xE9 is not valid UTF-8 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8',
    );

    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/verify?instrument=${INSTRUMENT}`);
    await page.locator('[data-accepted="true"]').waitFor({ timeout: 30_000 });
    await page.getByLabel('Policy file (YAML)').setInputFiles({
      name: 'latin1.yaml',
      mimeType: 'text/yaml',
      buffer: latin1,
    });
    await page.locator('.problems code', { hasText: said }).waitFor();
    expect(await page.locator('.problems code').allTextContents()).toEqual([said]);
    expect(watched.problems).toEqual([]);
  });

  it('warns of a policy key that could never verify, in the lines of the command line', async () => {
    const bundle = await served(`/api/instruments/${INSTRUMENT}/bundle`);
    const bundleFile = join(dir, 'warned-bundle.json');
    writeFileSync(bundleFile, bundle);
    const { logKey } = JSON.parse(await served('/api/log-key')) as { logKey: string };
    // The log key trusted, a placeholder beside it, and the log key again as a witness's: the
    // bundle is accepted by the first, and neither of the others could ever verify.
    const text = [
      `logs: [${logKey}, example.org+00000000+AA==]`,
      `witnesses: {at-least: 1, of: [${logKey}]}`,
      'accept:',
      '  - kind: payment-order',
      '',
    ].join('\n');
    const policy = join(dir, 'warned.yaml');
    writeFileSync(policy, text);
    const r = await cli('verify', bundleFile, '--trust', policy);
    const warnings = r.err
      .split('\n')
      .filter((line) => / warning: /.test(line))
      .map((line) => line.replace(`${dir}/`, ''));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^warned\.yaml:1:\d+: warning: /);
    expect(warnings[1]).toMatch(/^warned\.yaml:2:\d+: warning: /);

    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/verify?instrument=${INSTRUMENT}`);
    await page.locator('[data-accepted]').waitFor({ timeout: 30_000 });
    await page.getByLabel('Policy file (YAML)').setInputFiles({
      name: 'warned.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(text),
    });
    await page.getByText('Verified under your trust policy, warned.yaml.').waitFor();
    expect(await page.locator('.warnings code').allTextContents()).toEqual(warnings);
    await checkPage(page, '69-verify-policy-warnings');
    expect(watched.problems).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('the policy buttons of the verify page, by keyboard', () => {
  it('keep the focus in the policy part of the page once the bundle is verified anew', async () => {
    const { logKey } = JSON.parse(await served('/api/log-key')) as { logKey: string };
    const watched = await openPage(demo.browser, PHONE);
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${demo.served.url}/verify?instrument=${INSTRUMENT}`);
    await page.locator('[data-accepted]').waitFor({ timeout: 30_000 });
    await page
      .getByLabel('Or paste it')
      .fill(`logs: [${logKey}]\naccept:\n  - kind: payment-order\n`);
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        const part = a?.closest('section')?.getAttribute('aria-labelledby');
        return `${a?.tagName ?? 'none'} ${a?.tagName === 'BUTTON' ? a.textContent : part}`;
      });

    await page.getByRole('button', { name: 'Use this policy' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Verified under your trust policy, pasted policy.').waitFor();
    await expect.poll(focused).toBe('BUTTON Use this policy');

    await page.getByRole('button', { name: 'Verify without a policy' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Verified under your trust policy, pasted policy.').waitFor({
      state: 'detached',
    });
    await page.locator('[data-accepted]').waitFor();
    // The button is disabled with no policy to drop: the focus is on the part of the page it is in.
    await expect.poll(focused).toBe('SECTION policy-heading');
    expect(watched.problems).toEqual([]);
  });
});
