/**
 * An option that takes a comma-separated list (--at-hand, --to, --alternatives) and is given one
 * that names none (empty, or only commas and spaces) is a usage error (exit 2) saying the list is
 * empty, told before any record is opened: it is not read as naming no one.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, STACK_LINE } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-empty-lists-'));

const COMMANDS: { option: string; what: string; args: string[] }[] = [
  {
    option: '--at-hand',
    what: 'members',
    args: ['circulate', 'bureau', 'Buy grain?', '--deadline', '2d'],
  },
  {
    option: '--to',
    what: 'members',
    args: ['circulate', 'bureau', 'Buy grain?', '--deadline', '2d'],
  },
  { option: '--at-hand', what: 'members', args: ['session', 'open', 's1', '--body', 'bureau'] },
  {
    option: '--alternatives',
    what: 'alternatives',
    args: ['motion', 's1', 'm1', '--text', 'Pick'],
  },
  {
    option: '--to',
    what: 'people',
    args: ['dispatch', 'refer', 'd1', '--inscription', 'To the board', '--body', 'board'],
  },
];

describe('a list option that names none', () => {
  for (const { option, what, args } of COMMANDS)
    for (const given of ['', ' , ,', ','])
      it(`${args.slice(0, 2).join(' ')} ${option} '${given}' is a usage error`, async () => {
        const db = join(dir, `${args[0]}-${option.slice(2)}-${given.length}.db`);
        const r = await cli(...args, option, given, '--db', db);
        expect(r.code, r.out).toBe(2);
        expect(r.err).toContain(
          `${option} '${given}': the list is empty: name one or more ${what}, comma-separated, or leave ${option} out`,
        );
        expect(r.err).not.toMatch(STACK_LINE);
        // Refused before the record is opened: none is made.
        expect(existsSync(db)).toBe(false);
      });

  it('is a usage error in --json too', async () => {
    const r = await cli('--json', 'session', 'open', 's1', '--body', 'b', '--at-hand', ' ');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({
      error: {
        code: 'usage',
        message: expect.stringContaining("--at-hand ' ': the list is empty"),
      },
    });
  });
});
