/**
 * Files a person hands the command line that cannot be read as they are: each is refused at the
 * place to look (FILE:LINE:COL), exit 1, never an internal error, and no record is created.
 */
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, STACK_LINE } from '../support/cli.js';
import type { CliResult } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-input-'));
let made = 0;
const write = (name: string, content: string | Uint8Array): string => {
  const file = join(dir, `${made++}-${name}`);
  writeFileSync(file, content);
  return file;
};
const charterText = readFileSync(COOPERATIVE.charter, 'utf8');

function expectRefusal(r: CliResult, line: string): void {
  expect(r.code, r.err).toBe(1);
  expect(r.err).toContain(line);
  expect(r.err).not.toMatch(/internal error/);
  expect(r.err).not.toMatch(STACK_LINE);
}

async function replayNew(file: string): Promise<{ r: CliResult; db: string }> {
  const db = join(dir, `${made++}.db`);
  const r = await cli('replay', file, '--charter', COOPERATIVE.charter, '--db', db);
  return { r, db };
}

describe('collegium charter check', () => {
  it('refuses a byte that is not UTF-8 at its line and column', async () => {
    const at = charterText.indexOf('Okafor');
    const before = charterText.slice(0, at);
    const latin1 = Buffer.concat([
      Buffer.from(before),
      Buffer.from([0xd6]), // "Ö" in Latin-1
      Buffer.from(charterText.slice(at)),
    ]);
    const file = write('latin1.yaml', latin1);
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    expectRefusal(
      await cli('charter', 'check', file),
      `${file}:${line}:${col}: byte 0xD6 is not valid UTF-8`,
    );
  });

  it('says what an empty or a UTF-16 file is', async () => {
    const empty = write('empty.yaml', '');
    expectRefusal(await cli('charter', 'check', empty), `${empty}:1:1: the file is empty`);
    const utf16 = write('utf16.yaml', Buffer.from(charterText, 'utf16le'));
    expectRefusal(await cli('charter', 'check', utf16), `${utf16}:1:2: a NUL byte`);
  });

  it('reads lines ended by a carriage return alone, as YAML does, and places problems by them', async () => {
    const mac = write('mac.yaml', charterText.replace(/\n/g, '\r'));
    const r = await cli('charter', 'check', mac);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`${mac}: valid`);
    const lines = charterText.split('\n');
    const unknown = write(
      'mac-unknown.yaml',
      [...lines.slice(0, -1), 'colour: red', ''].join('\r'),
    );
    expectRefusal(
      await cli('charter', 'check', unknown),
      `${unknown}:${lines.length}:1: unknown key 'colour'`,
    );
  });

  it('refuses a billion laughs and __proto__ at their places, not as an internal error', async () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`)}]`,
      );
    const laughs = write('laughs.yaml', lines.join('\n') + '\n');
    expectRefusal(await cli('charter', 'check', laughs), `${laughs}:7:`);
    const proto = write('proto.yaml', `${charterText}__proto__: {}\n`);
    expectRefusal(
      await cli('charter', 'check', proto),
      `${proto}:${charterText.split('\n').length}:1: '__proto__' cannot be a key`,
    );
  });

  it('points at the [ that was never closed', async () => {
    const file = write(
      'bracket.yaml',
      'collegium: 1\norganization: { id: org, name: Org }\npeople: [ada, ben\nbodies: {}\n',
    );
    expectRefusal(await cli('charter', 'check', file), `${file}:3:9: YAML: this [ is never closed`);
  });

  it('refuses a file over the size limit before reading it, saying both sizes', async () => {
    const file = write('huge.yaml', `${charterText}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expectRefusal(
      await cli('charter', 'check', file),
      `${file}:1:1: the file is 2 MiB, more than the 1 MiB a charter may have`,
    );
  });

  it.skipIf(!existsSync('/dev/zero'))(
    'stops reading a file that tells no size (a device) at the limit',
    async () => {
      expectRefusal(
        await cli('charter', 'check', '/dev/zero'),
        '/dev/zero:1:1: the file holds more than the 1 MiB a charter may have',
      );
    },
  );

  it('says that files are read by their names, not from standard input', async () => {
    const r = await cli('charter', 'check', '-');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'collegium: -: files are read by their names, not from standard input (./- names a file called -)\n',
    );
  });

  it('says in words that a file is a loop of symbolic links, or lies under a file', async () => {
    const loop = join(dir, `${made++}-loop.yaml`);
    const other = join(dir, `${made++}-other.yaml`);
    symlinkSync(other, loop);
    symlinkSync(loop, other);
    expectRefusal(
      await cli('charter', 'check', loop),
      `${loop}: cannot be read (a loop of symbolic links)`,
    );
    const under = join(write('plain.txt', 'x'), 'charter.yaml');
    expectRefusal(
      await cli('charter', 'check', under),
      `${under}: cannot be read (a part of its path is not a folder)`,
    );
    // A record given as such a file is said so alike.
    expectRefusal(
      await cli('log', '--db', loop),
      `${loop} cannot be read (a loop of symbolic links)`,
    );
  });
});

describe('a file of another kind', () => {
  it('is named for what it is, with where it is given, instead of every key it lacks', async () => {
    const proceedings = COOPERATIVE.proceedings[0]!;
    const key = join(dir, `${made++}.key`);
    expect((await cli('keygen', '-o', key)).code).toBe(0);
    const policy = write('policy.yaml', 'logs: []\naccept:\n  - kind: order\n');
    const db = join(dir, `${made++}.db`);
    const firstKey = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((line) => /^[a-z]/.test(line)) + 1;
    for (const [args, told] of [
      [
        ['charter', 'check', proceedings],
        `${proceedings}:${firstKey(proceedings)}:1: this is a proceedings file, not a charter: give it to collegium replay\n`,
      ],
      [
        ['charter', 'check', key],
        `${key}:1:1: this is a key file, not a charter: give it with --key\n`,
      ],
      [
        ['init', '--charter', policy, '--db', db],
        `${policy}:1:1: this is a trust policy, not a charter: give it with --trust (collegium verify BUNDLE --trust POLICY)\n`,
      ],
      [
        ['replay', COOPERATIVE.charter, '--charter', COOPERATIVE.charter, '--db', db],
        `${COOPERATIVE.charter}:${firstKey(COOPERATIVE.charter)}:1: this is a charter, not a proceedings file: give it with --charter (collegium init, collegium replay), or to collegium charter check\n`,
      ],
    ] as const) {
      const r = await cli(...args);
      expectRefusal(r, told);
      expect(r.err.split('\n').filter((line) => line.startsWith('/'))).toHaveLength(1);
    }
    // A charter with mistakes is still told mistake by mistake.
    const typo = write(
      'typo.yaml',
      charterText.replace('quorum: { count: 4 }', 'qorum: { count: 4 }'),
    );
    const r = await cli('charter', 'check', typo);
    expect(r.err).toContain("unknown key 'qorum': did you mean 'quorum'?");
    expect(r.err).not.toContain('this is');
  });
});

describe('collegium verify --trust', () => {
  it.skipIf(!existsSync('/dev/zero'))('stops reading an endless policy at its limit', async () => {
    const bundle = write('bundle.json', '{"format": "collegium-instrument-bundle/1"}');
    expectRefusal(
      await cli('verify', bundle, '--trust', '/dev/zero'),
      '/dev/zero:1:1: the file holds more than the 256 KiB a trust policy may have',
    );
  });
});

describe('collegium replay', () => {
  it('refuses a proceedings file that is not UTF-8, and creates no record', async () => {
    const text = readFileSync(COOPERATIVE.proceedings[0]!, 'utf8');
    const file = write(
      'latin1-proceedings.yaml',
      Buffer.concat([Buffer.from(`${text}      # caf`), Buffer.from([0xe9, 0x0a])]),
    );
    const { r, db } = await replayNew(file);
    expectRefusal(r, `${file}:${text.split('\n').length}:12: byte 0xE9 is not valid UTF-8`);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses an oversized proceedings file with its size and the limit', async () => {
    const file = write('huge-proceedings.yaml', `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const { r, db } = await replayNew(file);
    expectRefusal(r, `${file}:1:1: the file is 5 MiB, more than the 4 MiB a proceedings file`);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses a billion laughs in a proceedings file at its place', async () => {
    const lines = ['body: board', 'x0: &x0 [ada, ada, ada, ada, ada, ada, ada, ada, ada, ada]'];
    for (let i = 1; i < 8; i++) lines.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`)}]`);
    const file = write('laughs-proceedings.yaml', lines.join('\n') + '\n');
    const { r, db } = await replayNew(file);
    expectRefusal(r, `${file}:7:`);
    expect(r.err).toMatch(/aliases expand the document/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('arguments of the command line', () => {
  // Node reads argv as UTF-8, bytes that are not (a Latin-1 "é", 0xE9) becoming U+FFFD.
  it('refuses one that was not UTF-8, naming it, and records nothing', async () => {
    const db = join(dir, `${made++}.db`);
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
    const open = ['session', 'open', 's1', '--body', 'board'];
    const place = await cli(...open, '--place', 'Caf\uFFFD Central', '--db', db);
    expect(place.code, place.err).toBe(2);
    expect(place.err).toContain(
      'collegium: --place "Caf\uFFFD Central" is not UTF-8 text: U+FFFD at character 4',
    );
    const id = await cli('session', 'open', 's\uFFFD1', '--body', 'board', '--db', db);
    expect(id.code, id.err).toBe(2);
    expect(id.err).toContain('argument 3 "s\uFFFD1" is not UTF-8 text');
    expect(id.err).not.toMatch(STACK_LINE);
    const log = await cli('--json', 'log', '--db', db);
    expect(JSON.parse(log.out)).toHaveLength(1);
  });
});

describe('collegium charter diff', () => {
  it('says that a side meant as an entry is no entry index, where it said there is no such file', async () => {
    for (const side of ['-1', '1.5', '1e3']) {
      const r = await cli('charter', 'diff', side, COOPERATIVE.charter);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(
        `collegium: '${side}' is neither an entry index (a whole number, 0 or more) nor a charter file`,
      );
    }
  });
});
