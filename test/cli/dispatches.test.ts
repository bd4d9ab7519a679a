/**
 * The register of dispatches from the command line, on both stores: a letter registered with its
 * scan kept by hash, referred, answered by a circulation and a motion, closed; and every refusal
 * (an unknown person or body, a file too large or unreadable) leaving the record as it was.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, okOn, refusedOn } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { querySql } from '../support/raw-sql.js';
import { BACKENDS } from '../support/stores.js';
import { dayInWords } from '../../src/core/minutes/words.js';
import type { Backend, StoreHandle } from '../support/stores.js';

/** The day a session opened today is named by, in words. */
const TODAY = dayInWords(new Date().toISOString().slice(0, 10));

const dir = mkdtempSync(join(tmpdir(), 'collegium-dispatches-'));
const scan = join(dir, 'letter.pdf');
const scanBytes = Buffer.from('%PDF-1.4 The boiler fails inspection.\n');
writeFileSync(scan, scanBytes);
const scanHash = createHash('sha256').update(scanBytes).digest('hex');
const folder = join(dir, 'a-folder');
mkdirSync(folder);

const given = process.env['COLLEGIUM_MAX_ATTACHMENT'];
afterEach(() => {
  if (given === undefined) delete process.env['COLLEGIUM_MAX_ATTACHMENT'];
  else process.env['COLLEGIUM_MAX_ATTACHMENT'] = given;
});

async function withBoard(
  backend: Backend,
  test: (
    handle: StoreHandle,
    ok: (...args: string[]) => Promise<string>,
    refused: (code: string, ...args: string[]) => Promise<string>,
  ) => Promise<void>,
): Promise<void> {
  const handle = await backend.fresh();
  const ok = okOn(handle.location);
  const refused = refusedOn(handle, 1);
  try {
    await ok('init', '--charter', COOPERATIVE.charter);
    await test(handle, ok, refused);
  } finally {
    await handle.dispose();
  }
}

const LETTER = [
  '--from',
  'City of Maple, building department',
  '--channel',
  'letter',
  '--received',
  '2026-11-28',
  '--text',
  'The boiler fails inspection; replace it by March.',
];

for (const backend of BACKENDS) {
  describe(`the register of dispatches on ${backend.name}`, () => {
    it('registers a letter with its scan, refers it, puts a circulation and a motion on it, and closes it', async () => {
      await withBoard(backend, async (handle, ok) => {
        expect(await ok('dispatch', 'register', 'board', ...LETTER, '--attach', scan)).toBe(
          `dispatch board-2026-1 registered as no. 2026/1 of Board of Directors [entry 1]\n  attached letter.pdf: ${scanBytes.length} bytes, sha256 ${scanHash}\n`,
        );
        const kept = await querySql<{ hash: string }>(handle, 'SELECT hash FROM attachments');
        expect(kept.map((row) => row.hash)).toEqual([scanHash]);
        expect(
          await ok(
            'dispatch',
            'register',
            'board',
            '--from',
            'Tenant of 4B',
            '--channel',
            'email',
            '--received',
            '2026-12-01',
            '--text',
            'The roof leaks.',
            '--number',
            '517',
          ),
        ).toMatch(
          /^dispatch board-517 registered as no\. 517 of Board of Directors \[entry 2\]\n$/,
        );
        expect(
          await ok(
            'dispatch',
            'refer',
            'board-2026-1',
            '--inscription',
            'Finance to cost it; all directors to decide.',
            '--to',
            'chen,dana',
            '--body',
            'finance-committee',
          ),
        ).toBe(
          'dispatch no. 2026/1 from City of Maple, building department referred to Chen Wei, Dana Morales, Finance Committee [entry 3]\n',
        );
        await ok(
          'circulate',
          'board',
          'Replace the boiler by March.',
          '--deadline',
          '2d',
          '--dispatch',
          'board-2026-1',
          '--id',
          'boiler',
          '--rule',
          'majority:membership',
        );
        await ok('session', 'open', 's1', '--body', 'board');
        await ok(
          'motion',
          's1',
          'boiler-funds',
          '--text',
          'Fund the new boiler.',
          '--dispatch',
          'board-2026-1',
          '--follows',
          'boiler',
        );
        const shown = await ok('dispatch', 'show', 'board-2026-1');
        expect(shown).toBe(
          [
            'Dispatch no. 2026/1 in the register of Board of Directors [board-2026-1] [entry 1]',
            '  Received 28 November 2026 by letter from City of Maple, building department',
            '  "The boiler fails inspection; replace it by March."',
            `  Attached: letter.pdf, ${scanBytes.length} bytes, sha256 ${scanHash}`,
            '  Referred by Hana Kowalski to Chen Wei, Dana Morales, Finance Committee [entry 3]: "Finance to cost it; all directors to decide."',
            `  The question "Replace the boiler by March" put to Board of Directors (${TODAY}): open`,
            `  Motion 1 ("Fund the new boiler") of the session of Board of Directors on ${TODAY}: not yet decided`,
            '  Open: referred.',
            '',
          ].join('\n'),
        );
        expect(await ok('dispatch', 'list', '--state', 'referred')).toMatch(
          /^board-2026-1 {2}no\. 2026\/1 {2}board {2}referred /,
        );
        expect(await ok('dispatch', 'list', '--state', 'registered')).toMatch(
          /^board-517 {2}no\. 517 {2}board {2}registered {2}received 1 December 2026 from Tenant of 4B /,
        );
        expect(await ok('dispatch', 'list', '--search', 'ROOF leaks')).toMatch(/^board-517 .*\n$/);
        // An inscription is searched with the dispatch it was written on.
        expect(await ok('dispatch', 'list', '--search', 'all directors')).toMatch(
          /^board-2026-1 .*\n$/,
        );
        expect(await ok('dispatch', 'list', '--body', 'finance-committee')).toBe('no dispatch\n');
        const question = await ok('question', 'board-2026-1');
        expect(question).toContain('Decisions:\n  boiler (circulation of board)');
        expect(question).toContain('  s1/boiler-funds (motion of board)');
        expect(question).toContain('Chain: boiler (open) → s1/boiler-funds (not yet decided)');
        const json = JSON.parse(await ok('--json', 'dispatch', 'show', 'board-2026-1')) as {
          state: string;
          circulations: string[];
          motions: unknown[];
          attachments: unknown[];
        };
        expect(json).toMatchObject({
          state: 'referred',
          circulations: ['boiler'],
          motions: [{ session: 's1', motion: 'boiler-funds' }],
          attachments: [{ name: 'letter.pdf', hash: scanHash, size: scanBytes.length }],
        });
        expect(
          await ok(
            'dispatch',
            'close',
            'board-2026-1',
            '--reason',
            'Answered by the boiler works.',
          ),
        ).toMatch(
          /^dispatch no\. 2026\/1 from City of Maple, building department closed \[entry \d+\]\n$/,
        );
        expect(await ok('dispatch', 'list', '--state', 'open')).toMatch(/^board-517 .*\n$/);
        expect(await ok('dispatch', 'show', 'board-2026-1')).toMatch(
          /Closed \[entry \d+\]: Answered by the boiler works\.\n$/,
        );
        const log = await ok('log');
        expect(log).toMatch(
          /dispatch\.register hana: board-2026-1 no\. 2026\/1 of board, received 2026-11-28 by letter from City of Maple, building department: "The boiler fails inspection; replace it by March\." \(1 attached\)/,
        );
        expect(log).toMatch(
          /dispatch\.refer\s+hana: board-2026-1 referred to chen, dana, finance-committee: "Finance to cost it; all directors to decide\."/,
        );
        expect(log).toMatch(
          /motion\.propose\s+hana: s1\/boiler-funds: "Fund the new boiler\." \(follows boiler\) \(answers dispatch board-2026-1\)/,
        );
        expect(log).toMatch(
          /dispatch\.close\s+hana: board-2026-1 closed: Answered by the boiler works\./,
        );
        expect(await ok('audit')).toMatch(/^audit passed/);
      });
    });

    it('refuses a referral to someone unknown, a file too large or unreadable, and a number taken, leaving the record as it was', async () => {
      await withBoard(backend, async (handle, ok, refused) => {
        await ok('dispatch', 'register', 'board', ...LETTER);
        await refused(
          "refused (not-found): no person 'zed'",
          'dispatch',
          'refer',
          'board-2026-1',
          '--inscription',
          'To Zed.',
          '--to',
          'zed',
        );
        await refused(
          "refused (not-found): no body 'council'",
          'dispatch',
          'refer',
          'board-2026-1',
          '--inscription',
          'To the council.',
          '--body',
          'council',
        );
        await refused(
          "refused (not-found): no dispatch 'nothing'",
          'dispatch',
          'refer',
          'nothing',
          '--inscription',
          'To Ada.',
          '--to',
          'ada',
        );
        process.env['COLLEGIUM_MAX_ATTACHMENT'] = '10';
        await refused(
          `refused (too-large): attachment ${scan} is ${scanBytes.length} bytes, more than the 10 allowed`,
          'dispatch',
          'register',
          'board',
          ...LETTER,
          '--attach',
          scan,
        );
        delete process.env['COLLEGIUM_MAX_ATTACHMENT'];
        await refused(
          `${join(dir, 'missing.pdf')}: no such file`,
          'dispatch',
          'register',
          'board',
          ...LETTER,
          '--attach',
          join(dir, 'missing.pdf'),
        );
        await refused(
          `${folder}: is a folder, not a file`,
          'dispatch',
          'register',
          'board',
          ...LETTER,
          '--attach',
          folder,
        );
        await refused(
          'refused (conflict): number 2026/1 is in the register of board already',
          'dispatch',
          'register',
          'board',
          ...LETTER,
          '--number',
          '2026/1',
        );
        await refused(
          "refused (not-found): no body 'council'",
          'dispatch',
          'register',
          'council',
          ...LETTER,
        );
        await ok('dispatch', 'close', 'board-2026-1', '--reason', 'Set aside.');
        await refused(
          "refused (conflict): dispatch 'board-2026-1' is closed",
          'dispatch',
          'refer',
          'board-2026-1',
          '--inscription',
          'Too late.',
          '--to',
          'ada',
        );
        const json = await cli(
          '--json',
          'dispatch',
          'register',
          'board',
          ...LETTER,
          '--attach',
          join(dir, 'missing.pdf'),
          '--db',
          handle.location,
        );
        expect(JSON.parse(json.out)).toMatchObject({ error: { code: 'unreadable-file' } });
        const usage = await cli(
          'dispatch',
          'refer',
          'board-2026-1',
          '--inscription',
          'To whom?',
          '--db',
          handle.location,
        );
        expect(usage.code).toBe(2);
        expect(usage.err).toContain('a referral is to people (--to), to a body (--body), or both');
        const received = await cli(
          'dispatch',
          'register',
          'board',
          ...LETTER.slice(0, 4),
          '--received',
          'last week',
          '--text',
          'T',
          '--db',
          handle.location,
        );
        expect(received.code).toBe(2);
        expect(received.err).toContain(
          '--received last week: give a real date (2026-12-01) or date-time (2026-12-01T18:00)',
        );
        // Recorded for someone the charter does not name: told so, not that they may not.
        const nobody = await cli(
          'dispatch',
          'register',
          'board',
          ...LETTER.slice(0, 4),
          '--received',
          '2025-11-01',
          '--text',
          'T',
          '--as',
          'nobody',
          '--db',
          handle.location,
        );
        expect(nobody.code).toBe(1);
        expect(nobody.err).toContain("refused (not-found): no person 'nobody' in the charter");
      });
    });
  });
}
