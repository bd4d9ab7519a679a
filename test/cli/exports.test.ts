/**
 * collegium export votes|decisions|attendance and decisions --from/--to, through `main`: the
 * Central Committee's 1918 sessions and the cooperative's meetings replayed, exported to standard
 * output and to a file; an unwritable path, a bad format or day, and an unknown session refused
 * with a message and a non-zero exit, nothing written; an unknown body refused by every register.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, okOn, STACK_LINE } from '../support/cli.js';
import { csvRows } from '../support/csv.js';
import { CENTRAL_COMMITTEE, COOPERATIVE } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-exports-'));

for (const backend of BACKENDS) {
  describe(`exports from the command line on ${backend.name}`, () => {
    let handle: StoreHandle;
    const run = (...args: string[]) => cli(...args, '--db', handle.location);
    // The record is made in beforeAll, so its location is read at each call.
    const ok = (...args: string[]) => okOn(handle.location)(...args);
    const refused = async (exit: number, message: string | RegExp, ...args: string[]) => {
      const r = await run(...args);
      expect(r.code, `${args.join(' ')}: ${r.out}`).toBe(exit);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(STACK_LINE);
      expect(r.out).toBe('');
    };

    beforeAll(async () => {
      handle = await backend.fresh();
      for (const file of CENTRAL_COMMITTEE.proceedings)
        await ok('replay', file, '--charter', CENTRAL_COMMITTEE.charter);
    });
    afterAll(async () => {
      await handle?.dispose();
    });

    it('prints the decisions of the 1918 sessions as CSV, by their own dates', async () => {
      const out = await ok('export', 'decisions');
      expect(out.split('\r\n')[0]).toBe(
        'session,circulation,body,body_name,date,motion,text,outcome,ayes,nays,abstentions,tally,explanation,ratification,entry,stated,flags',
      );
      const rows = csvRows(out).slice(1);
      expect(rows.map((r) => [r[0], r[4], r[5], r[7], r[8], r[9]])).toEqual([
        ['cc-1918-01-24', '1918-01-24', 'no-war-no-peace', 'adopted', '9', '7'],
        ['cc-1918-01-24', '1918-01-24', 'drag-out', 'adopted', '12', '1'],
        ['cc-1918-01-24', '1918-01-24', 'revolutionary-war', 'rejected', '2', '11'],
        ['cc-1918-02-18-evening', '1918-02-18', 'peace-offer', 'adopted', '7', '5'],
        ['cc-1918-02-18-evening', '1918-02-18', 'telegram-extortion', 'adopted', '11', '0'],
        ['cc-1918-02-18-evening', '1918-02-18', 'telegram-old-conditions', 'adopted', '7', '4'],
      ]);
      expect(rows[0]![3]).toBe('Central Committee');
      // Only the 18 February session names its voters.
      const votes = csvRows(await ok('export', 'votes', '--format', 'csv')).slice(1);
      expect(new Set(votes.map((r) => r[3]))).toEqual(new Set(['peace-offer']));
      expect(votes.find((r) => r[4] === 'stassova')!.slice(5, 7)).toEqual([
        expect.stringMatching(/Stassova|Stasova/),
        'not-voting',
      ]);
      expect(votes).toHaveLength(13);
    });

    it('filters by session, body and days, for exports and for the register', async () => {
      const attendance = csvRows(
        await ok('export', 'attendance', '--session', 'cc-1918-01-24'),
      ).slice(1);
      expect(attendance).toHaveLength(
        csvRows(await ok('export', 'attendance', '--from', '1918-01-01', '--to', '1918-01-31'))
          .length - 1,
      );
      expect(attendance.filter((r) => r[5] === 'present')).toHaveLength(13);
      expect(new Set(attendance.map((r) => r[0]))).toEqual(new Set(['cc-1918-01-24']));
      const february = csvRows(await ok('export', 'decisions', '--from', '1918-02-01'));
      expect(february.slice(1).map((r) => r[5])).toEqual([
        'peace-offer',
        'telegram-extortion',
        'telegram-old-conditions',
      ]);
      expect(await ok('export', 'votes', '--body', 'central-committee', '--to', '1918-01-31')).toBe(
        'session,body,date,motion,voter,voter_name,choice,by_proxy,by_proxy_name,time,entry,seat\r\n',
      );
      const register = await ok('decisions', '--to', '1918-01-31', '--outcome', 'adopted');
      expect(
        register
          .trimEnd()
          .split('\n')
          .map((l) => l.split(' ')[0]),
      ).toEqual(['cc-1918-01-24/no-war-no-peace', 'cc-1918-01-24/drag-out']);
      expect(await ok('decisions', '--from', '1919-01-01')).toBe('no decision\n');
      const json = JSON.parse(await ok('decisions', '--from', '1918-02-18', '--json')) as unknown[];
      expect(json).toHaveLength(3);
    });

    it('writes a file with -o and says how many rows', async () => {
      const file = join(dir, `votes-${backend.name}.csv`);
      expect(await ok('export', 'votes', '-o', file)).toBe(`wrote ${file}: 13 rows of votes\n`);
      const text = readFileSync(file, 'utf8');
      expect(text).toBe(await ok('export', 'votes'));
      expect(JSON.parse(await ok('export', 'votes', '-o', file, '--json'))).toEqual({
        file,
        table: 'votes',
        rows: 13,
      });
    });

    it('refuses an unwritable path, a bad format, a bad day and an unknown session', async () => {
      const missing = join(dir, 'no-such-folder', 'votes.csv');
      await refused(
        1,
        `${missing}: cannot be written (no such folder)`,
        'export',
        'votes',
        '-o',
        missing,
      );
      expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
      await refused(
        2,
        '--format xlsx: exports are written as csv',
        'export',
        'votes',
        '--format',
        'xlsx',
      );
      await refused(
        2,
        '--from 1918-02-30: give a day as 2027-11-20',
        'export',
        'attendance',
        '--from',
        '1918-02-30',
      );
      await refused(
        2,
        '--to 1918-01-01 is before --from 1918-02-01',
        'export',
        'decisions',
        '--from',
        '1918-02-01',
        '--to',
        '1918-01-01',
      );
      await refused(2, '--to yesterday: give a day', 'decisions', '--to', 'yesterday');
      await refused(
        1,
        "no session 'cc-1918-13-01' in the record",
        'export',
        'votes',
        '--session',
        'cc-1918-13-01',
      );
      await refused(1, /not-found.*no body 'senate'/, 'export', 'decisions', '--body', 'senate');
      // As the export, every register the command line lists refuses it, rather than list nothing.
      for (const register of [
        ['decisions'],
        ['provisional'],
        ['circulations'],
        ['instruments'],
        ['dispatch', 'list'],
      ])
        await refused(
          1,
          /^collegium: refused \(not-found\): no body 'senate' in the charter\n$/,
          ...register,
          '--body',
          'senate',
        );
      expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    });
  });
}

describe('export', () => {
  it('keeps the bundle and instrument exports beside the tables', async () => {
    const r = await cli('export', '--help');
    for (const command of ['bundle', 'instrument', 'votes', 'decisions', 'attendance'])
      expect(r.out + r.err).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('exports the cooperative’s proxy ballot with its holder', async () => {
    const db = join(dir, 'cooperative.db');
    for (const file of COOPERATIVE.proceedings) {
      const r = await cli('replay', file, '--charter', COOPERATIVE.charter, '--db', db);
      expect(r.code, r.err).toBe(0);
    }
    const r = await cli('export', 'votes', '--session', 'board-2025-09-10', '--db', db);
    const gus = csvRows(r.out).find((row) => row[3] === 'gus-proxy' && row[4] === 'gus');
    expect(gus?.slice(5, 10)).toEqual(['Gus Tanaka', 'aye', 'eli', 'Eli Novak', '']);
  });
});
