/**
 * The files other than charters, proceedings and bundles that commands read by name: key files,
 * a witness's key and state, kept checkpoints, --text-file, TLS files and attachments. Each is
 * read no further than its limit (a device such as /dev/zero included), strictly (JSON at
 * FILE:LINE:COL, no key twice), and refused in words naming the file: exit 1, never a stack. (A
 * file it may not read: unreadable-file.test.ts.)
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyPairFromSeed } from '../../src/record/ed25519.js';
import { formatVerifierKey, noteSigner } from '../../src/record/note.js';
import { cli, STACK_LINE } from '../support/cli.js';
import type { CliResult } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-named-'));
let made = 0;
const write = (name: string, content: string | Uint8Array): string => {
  const file = join(dir, `${made++}-${name}`);
  writeFileSync(file, content);
  return file;
};
const hasZero = existsSync('/dev/zero');

function expectRefusal(r: CliResult, ...said: string[]): void {
  expect(r.code, r.err).toBe(1);
  for (const words of said) expect(r.err).toContain(words);
  expect(r.err).not.toMatch(/internal error/);
  expect(r.err).not.toMatch(STACK_LINE);
}

const db = join(dir, 'record.db');
beforeAll(async () => {
  expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
});

/** A command that reads `key` as a member's key file. */
const withKey = (key: string, ...json: string[]) =>
  cli(...json, 'session', 'open', 'board-x', '--body', 'board', '--db', db, '--key', key);

describe('a key file (--key)', () => {
  it('is strict JSON: a key given twice is refused where it is, with its code', async () => {
    const file = write(
      'twice.key',
      '{\n  "type": "collegium-ed25519-private-key",\n  "type": "other",\n  "privateKey": "AAAA"\n}\n',
    );
    expectRefusal(
      await withKey(file),
      `${file}:3:3: the key 'type' is given twice in one object (first at line 2, column 3)`,
      `collegium: ${file}: not a key file (expected JSON from collegium keygen)`,
    );
    const json = await withKey(file, '--json');
    expect(JSON.parse(json.out).error.code).toBe('invalid-key-file');
  });

  it('says where its JSON breaks', async () => {
    const file = write('broken.key', '{"type": "collegium-ed25519-private-key",\n oops}\n');
    expectRefusal(await withKey(file), `${file}:2:2: unexpected 'oops'`);
  });

  it('is read no further than 64 KB, whatever it is', async () => {
    const large = write('large.key', `{"pad": "${'x'.repeat(70_000)}"}`);
    expectRefusal(
      await withKey(large),
      `${large}:1:1: the file is 68.4 KiB, more than the 64 KiB a key file may have`,
    );
    if (hasZero)
      expectRefusal(
        await withKey('/dev/zero'),
        '/dev/zero:1:1: the file holds more than the 64 KiB a key file may have',
      );
  });

  it('is UTF-8: a byte order mark is dropped, a Latin-1 byte located', async () => {
    const bom = write('bom.key', '\uFEFF{"type": "other"}');
    expectRefusal(await withKey(bom), `${bom}: not a Collegium key file`);
    const latin = write('latin.key', Buffer.from('{"type": "\xe9"}', 'latin1'));
    expectRefusal(await withKey(latin), `${latin}:1:11: byte 0xE9 is not valid UTF-8`);
  });

  it('is refused when its public key is not that of its private key', async () => {
    const seed = Buffer.alloc(32, 7).toString('base64');
    const made = `ed25519:${Buffer.from(keyPairFromSeed(Buffer.alloc(32, 7)).publicKey).toString('base64')}`;
    const other = `ed25519:${Buffer.alloc(32, 1).toString('base64')}`;
    const file = write(
      'pieced.key',
      JSON.stringify({ type: 'collegium-ed25519-private-key', publicKey: other, privateKey: seed }),
    );
    expectRefusal(
      await withKey(file),
      `${file}: its public key is not that of its private key, which is ${made}`,
    );
  });

  it('names a folder and a missing file', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expectRefusal(await withKey(folder), `${folder}: is a folder, not a file`);
    expectRefusal(await withKey(join(dir, 'none.key')), 'none.key: no such file');
  });
});

describe('an empty file name', () => {
  it('is refused as none, read or written, never taken for standard output', async () => {
    const empty = "collegium: '' is no file name: give the file's name\n";
    for (const args of [
      ['init', '--charter', '', '--db', join(dir, 'empty.db')],
      ['verify', '', '--log-key', 'x'],
      ['keygen', '-o', ''],
      ['export', 'bundle', '-o', '', '--db', db],
      ['export', 'votes', '-o', '', '--db', db],
      ['session', 'open', 'board-z', '--body', 'board', '--key', '', '--db', db],
      ['dispatch', 'register', 'board', '--from', 'City', '--channel', 'letter'].concat([
        '--received',
        '2026-12-01',
        '--text',
        'A letter.',
        '--attach',
        '',
        '--db',
        db,
      ]),
    ]) {
      const r = await cli(...args);
      expect([r.code, r.err, r.out], args.join(' ')).toEqual([2, empty, '']);
    }
  });
});

describe('collegium witness serve', () => {
  const logs = join(dir, 'logs.yaml');
  const key = join(dir, 'witness.key');
  beforeAll(async () => {
    const log = noteSigner('collegium.example/log', new Uint8Array(32).fill(7));
    writeFileSync(logs, `logs:\n  - key: ${formatVerifierKey(log.name, log.publicKey)}\n`);
    expect((await cli('witness', 'key', '--name', 'w.example/w', '-o', key)).code).toBe(0);
  });
  const serve = (state: string, witnessKey = key) =>
    cli('witness', 'serve', '--key', witnessKey, '--logs', logs, '--state', state, '--port', '0');

  it('reads its state strictly, each problem at its place', async () => {
    const twice = write('twice.json', '{"logs": {}, "logs": {}}');
    expectRefusal(
      await serve(twice),
      `${twice}:1:14: the key 'logs' is given twice in one object`,
      `collegium: ${twice}: not a witness state file`,
    );
    const root = write(
      'root.json',
      '{\n  "logs": {"a": {"size": 1, "root": "AAAA", "note": ""}}\n}',
    );
    expectRefusal(await serve(root), `${root}:2:11: logs.a.root: not a hash of 32 bytes in base64`);
    const folder = join(dir, 'state-folder');
    mkdirSync(folder);
    expectRefusal(await serve(folder), `${folder}: is a folder, not a file`);
  });

  it.skipIf(!hasZero)('reads its key and its state no further than their limits', async () => {
    expectRefusal(
      await serve(join(dir, 'unused.json'), '/dev/zero'),
      '/dev/zero:1:1: the file holds more than the 64 KiB a key file may have',
    );
    expectRefusal(
      await serve('/dev/zero'),
      '/dev/zero:1:1: the file holds more than the 64 MiB a witness state file may have',
    );
  });
});

describe('files given as text', () => {
  it('audit --checkpoint reads a checkpoint of 64 KB at most', async () => {
    const file = write('checkpoint.txt', `collegium\n${'x'.repeat(70_000)}\n`);
    expectRefusal(
      await cli('audit', '--db', db, '--checkpoint', file),
      `${file}:1:1: the file is 68.4 KiB, more than the 64 KiB a checkpoint may have`,
    );
  });

  it('instrument draft --text-file reads 1 MB at most, /dev/zero included', async () => {
    const draft = (file: string) =>
      cli('instrument', 'draft', '--body', 'board', '--kind', 'letter', '--text-file', file);
    const file = write('text.txt', 'x'.repeat(2 * 1024 * 1024));
    expectRefusal(
      await draft(file),
      `${file}:1:1: the file is 2 MiB, more than the 1 MiB an instrument's text may have`,
    );
    if (hasZero)
      expectRefusal(
        await draft('/dev/zero'),
        "/dev/zero:1:1: the file holds more than the 1 MiB an instrument's text may have",
      );
  });

  it('instrument draft --text-file refuses a character that would not show where it is', async () => {
    const draft = (file: string) =>
      cli('instrument', 'draft', '--body', 'board', '--kind', 'letter', '--text-file', file);
    const control = write('bell.txt', 'Pay the roofer.\r\nPay\u0007 him now.\r\n');
    expectRefusal(
      await draft(control),
      `${control}:2:4: a control character (U+0007) at character 4: none is taken but a tab or a line break`,
    );
    const override = write('rlo.txt', 'To the roofer:\npay \u202eevil 100\n');
    expectRefusal(
      await draft(override),
      `${override}:2:5: a change of direction (U+202E) at character 5 that is not ended before the line ends`,
    );
    // Past U+FFFF a character is two UTF-16 units, but one column.
    const nonchar = write('nonchar.txt', 'To the roofer:\n\u{1f3e0} pay\u{10ffff} 100\n');
    expectRefusal(
      await draft(nonchar),
      `${nonchar}:2:6: a noncharacter (U+10FFFF) at character 6, which Unicode keeps out of text`,
    );
  });

  it('serve --tls-cert and --tls-key read 1 MB at most', async () => {
    const pem = write('big.pem', `-----BEGIN CERTIFICATE-----\n${'A'.repeat(2 * 1024 * 1024)}\n`);
    expectRefusal(
      await cli('serve', '--db', db, '--tls-cert', pem, '--tls-key', pem),
      `${pem}:1:1: the file is 2 MiB, more than the 1 MiB a TLS certificate may have`,
    );
  });
});

describe('an attachment (--attach)', () => {
  const before = process.env['COLLEGIUM_MAX_ATTACHMENT'];
  afterEach(() => {
    if (before === undefined) delete process.env['COLLEGIUM_MAX_ATTACHMENT'];
    else process.env['COLLEGIUM_MAX_ATTACHMENT'] = before;
  });

  it('given twice, or two holding the same bytes, is refused naming the option', async () => {
    const letter = write('letter.pdf', 'A letter.');
    const copy = write('copy.pdf', 'A letter.');
    const register = (...files: string[]) =>
      cli(
        ...['dispatch', 'register', 'board', '--from', 'City', '--channel', 'letter'],
        ...['--received', '2026-12-01', '--text', 'A letter.', '--db', db],
        ...files.flatMap((f) => ['--attach', f]),
      );
    const draft = (...files: string[]) =>
      cli(
        ...['instrument', 'draft', '--body', 'board', '--kind', 'receipt', '--amount', '5'],
        ...['--unit', 'EUR', '--from', 'dana', '--text', 'A deposit.', '--db', db],
        '--attach',
        ...files,
      );
    for (const r of [await register(letter, letter), await draft(letter, letter)]) {
      expect(r.code, r.err).toBe(2);
      expect(r.err).toBe(
        `collegium: --attach: ${letter} is given twice: a file is attached once\n`,
      );
    }
    const dotted = `${dir}/./${letter.slice(dir.length + 1)}`;
    const again = await register(letter, dotted);
    expect(again.err).toContain(`--attach: ${dotted} is given twice (as ${letter})`);
    for (const r of [await register(letter, copy), await draft(letter, copy)]) {
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(
        new RegExp(
          `^collegium: --attach: ${copy} holds the same bytes as ${letter} \\(sha256 [0-9a-f]{64}\\): a file is attached once\n$`,
        ),
      );
      expect(r.err).not.toContain('payload');
    }
  });

  it.skipIf(!hasZero)('that tells no size is read no further than the limit', async () => {
    process.env['COLLEGIUM_MAX_ATTACHMENT'] = '1000';
    const r = await cli(
      ...['dispatch', 'register', 'board', '--from', 'City', '--channel', 'letter'],
      ...['--received', '2026-12-01', '--text', 'A letter.', '--attach', '/dev/zero'],
      ...['--db', db],
    );
    expectRefusal(
      r,
      'refused (too-large): attachment /dev/zero holds more than the 1000 bytes allowed',
    );
  });

  it.skipIf(!hasZero)(
    'that tells no size, named by an agenda or a proceedings file, is refused there saying why',
    async () => {
      process.env['COLLEGIUM_MAX_ATTACHMENT'] = '1000';
      const agenda = write('agenda.yaml', '- {item: roof, title: The roof, files: [/dev/zero]}\n');
      expectRefusal(
        await cli(
          ...['session', 'convene', 'board-y', '--body', 'board', '--date', '2099-01-01'],
          ...['--agenda', agenda, '--db', db],
        ),
        `${agenda}:1:41: attachment /dev/zero holds more than the 1000 bytes allowed`,
      );
      const proceedings = write(
        'proceedings.yaml',
        'body: board\ndispatches:\n  - {id: d1, received: 2026-12-01, from: City, channel: letter, text: A letter., attachments: [/dev/zero]}\n',
      );
      expectRefusal(
        await cli(
          'replay',
          proceedings,
          '--db',
          join(dir, 'replayed.db'),
          '--charter',
          COOPERATIVE.charter,
        ),
        'attachment /dev/zero holds more than the 1000 bytes allowed',
      );
    },
  );
});
