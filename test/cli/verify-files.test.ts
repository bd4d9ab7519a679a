/**
 * Bundle files `collegium verify` cannot read as they are: a key given twice, JSON that does not
 * parse, a value that is no bundle or of no format it knows, a file too large or endless, text
 * that is not UTF-8. Each is refused at FILE:LINE:COL in plain words (exit 1); only a bundle of
 * the other known format is told to use the other option (exit 2).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-verify-files-'));
const db = join(dir, 'board.db');
const bundleFile = join(dir, 'bundle.json');
let bundleText = '';
let logKey = '';
let policy = '';
let made = 0;
const write = (content: string | Uint8Array): string => {
  const file = join(dir, `${made++}.json`);
  writeFileSync(file, content);
  return file;
};

beforeAll(async () => {
  expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
  const exported = await cli(
    'export',
    'bundle',
    '--from',
    '0',
    '--to',
    '0',
    '-o',
    bundleFile,
    '--db',
    db,
  );
  expect(exported.code, exported.err).toBe(0);
  bundleText = readFileSync(bundleFile, 'utf8');
  logKey = (await cli('log-key', '--db', db)).out.trim();
  policy = join(dir, 'policy.yaml');
  writeFileSync(policy, `logs: [${logKey}]\naccept:\n  - kind: order\n`);
});

/** Refused at `line` (FILE:LINE:COL: message), exit 1, with either option. */
async function expectRefused(file: string, line: string): Promise<void> {
  for (const option of [
    ['--log-key', logKey],
    ['--trust', policy],
  ]) {
    const r = await cli('verify', file, ...option);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(`${file}:${line}`);
    expect(r.err).not.toMatch(/internal error|JSON input|at position|Unexpected token/);
    expect(r.err).not.toMatch(STACK_LINE);
  }
}

describe('collegium verify', () => {
  it('verifies the bundle as exported', async () => {
    const r = await cli('verify', bundleFile, '--log-key', logKey);
    expect(r.code, r.err).toBe(0);
  });

  it('refuses a key given twice, at the second, naming it: the last is not taken', async () => {
    // The real checkpoint last, as JSON.parse would keep it: the bundle would verify.
    const doubled = bundleText.replace('{\n', '{\n  "checkpoint": "garbage",\n');
    await expectRefused(
      write(doubled),
      "4:3: the key 'checkpoint' is given twice in one object (first at line 2, column 3)",
    );
    const inEntry = bundleText.replace('"index": 0,', '"index": 0, "index": 0,');
    const at = inEntry.split('\n').findIndex((l) => l.includes('"index": 0, "index"'));
    const col = inEntry.split('\n')[at]!.lastIndexOf('"index"') + 1;
    await expectRefused(write(inEntry), `${at + 1}:${col}: the key 'index' is given twice`);
  });

  it('says where JSON that does not parse goes wrong, in words', async () => {
    const cut = bundleText.slice(0, bundleText.indexOf('"leaf": "') + 20);
    const line = cut.split('\n').length;
    const col = cut.split('\n').at(-1)!.indexOf('"leaf"') + 9;
    await expectRefused(write(cut), `${line}:${col}: a string that is never closed`);
    await expectRefused(write('{"format": "collegium-bundle/2",}'), "1:33: a ',' before '}'");
  });

  it('refuses what is no bundle, or of no format it knows, as such: not as the other kind', async () => {
    await expectRefused(write('null'), '1:1: not a bundle: not a JSON object (it is null)');
    await expectRefused(write(' []'), '1:2: not a bundle: not a JSON object (it is a list)');
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    await expectRefused(write(deep), '1:1: not a bundle: not a JSON object (it is a list)');
    await expectRefused(write('{"checkpoint": ""}'), '1:1: not a bundle: it names no format');
    await expectRefused(
      write('{\n  "format": "collegium-instrument-bundle/9"\n}'),
      "2:13: unknown format 'collegium-instrument-bundle/9': a bundle's format is collegium-bundle/2 or collegium-instrument-bundle/1",
    );
  });

  it('tells a bundle of the other known format to use the other option', async () => {
    const entries = await cli('verify', bundleFile, '--trust', policy);
    expect(entries.code).toBe(2);
    expect(entries.err).toContain(
      `${bundleFile} is a bundle of entries (collegium-bundle/2), not an instrument's: verify it with --log-key, not --trust`,
    );
    const instrument = write('{"format": "collegium-instrument-bundle/1"}');
    const r = await cli('verify', instrument, '--log-key', logKey);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "is an instrument's bundle: the logs you trust go in the --trust policy",
    );
  });

  it('refuses a file larger than the limit, and reads it under a larger --max-size', async () => {
    const size = Buffer.byteLength(bundleText);
    const small = await cli('verify', bundleFile, '--log-key', logKey, '--max-size', '1000');
    expect(small.code).toBe(1);
    expect(small.err).toContain(
      `${bundleFile}:1:1: the file is ${(size / 1024).toFixed(1).replace(/\.0$/, '')} KiB, more than the 1000 bytes a bundle may have (--max-size BYTES reads a larger one)`,
    );
    const raised = await cli('verify', bundleFile, '--log-key', logKey, '--max-size', String(size));
    expect(raised.code, raised.err).toBe(0);
    for (const wrong of ['0', '1.5', '1e9', '9999999999999'])
      expect((await cli('verify', bundleFile, '--max-size', wrong)).code).toBe(2);
  });

  it.skipIf(!existsSync('/dev/zero'))('stops reading an endless file at the limit', async () => {
    const r = await cli('verify', '/dev/zero', '--log-key', logKey, '--max-size', '100000');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '/dev/zero:1:1: the file holds more than the 97.7 KiB (100,000 bytes) a bundle may have (--max-size BYTES reads a larger one)',
    );
  });

  it('says that a bundle is read from a file, not from standard input', async () => {
    const r = await cli('verify', '-', '--log-key', logKey);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'collegium: -: files are read by their names, not from standard input (./- names a file called -)\n',
    );
  });

  it('refuses text that is not UTF-8, or no text, as it refuses a charter', async () => {
    await expectRefused(
      write(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bundleText, 'utf16le')])),
      '1:1: the file is UTF-16; save it as UTF-8',
    );
    await expectRefused(write(''), '1:1: the file is empty');
    const at = bundleText.indexOf('"format"') + 2;
    const latin1 = Buffer.concat([
      Buffer.from(bundleText.slice(0, at)),
      Buffer.from([0xe9]),
      Buffer.from(bundleText.slice(at)),
    ]);
    await expectRefused(
      write(latin1),
      '2:5: byte 0xE9 is not valid UTF-8 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8',
    );
  });
});
