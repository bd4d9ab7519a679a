/**
 * Historical cases of the reference case beyond the bundled example, replayed as a user would
 * (test/fixtures/central-committee-1918-later): what the command line says of each, line by line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, ok } from '../support/history-fixtures.js';

const { fixture, record } = historyFixtures('central-committee-1918-later');

describe('a directive signed by two members and a candidate', () => {
  it('is issued as its rule requires, the third signature flagged alone, and verified', async () => {
    const { db, dir } = await record();
    const out = await ok('replay', fixture('1920-10-05.yaml'), '--db', db);
    expect(out).toContain(
      'By order of the Politburo: V. I. Lenin. J. V. Stalin. G. E. Zinoviev\n' +
        '  ! G. E. Zinoviev is not among the signers of a directive of Political Bureau: at least 2 of the members',
    );
    expect(out).not.toMatch(/not issued|issued short/);
    expect(out).toMatch(/1 instrument recorded in .*; 1 flagged\n$/);

    const shown = await ok('instrument', 'show', 'stand-directive', '--db', db);
    // Drafted on the day it bears; the moment it was recorded is that of its transcription.
    expect(shown).toMatch(
      /\n {2}Drafted by the organization; dated \d+ October 1920; transcribed on \d+ \w+ \d{4}, \d\d:\d\d UTC\n/,
    );
    expect(shown).toMatch(/\n {2}Rule: met: signed as the charter requires: at least 2 of/);
    // Transcribed from paper with the record's key: none of the three holds a key of their own.
    expect(shown).toMatch(/\n {4}1\. V\. I\. Lenin, with the record's key \(they hold none\) \[/);
    expect(shown).not.toContain('with their own key');

    const bundle = join(dir, 'stand.json');
    await ok('export', 'instrument', 'stand-directive', '--db', db, '-o', bundle);
    const key = (await ok('log-key', '--db', db)).trim();
    const policy = join(dir, 'local.yaml');
    writeFileSync(
      policy,
      readFileSync(fixture('policy-local-office.yaml'), 'utf8').replace('LOGKEY', key),
    );
    const verdict = await cli('verify', bundle, '--trust', policy);
    expect(verdict.out).toMatch(/\nverified: accepted under the policy: By order of the Politburo/);
    expect(verdict.code).toBe(0);
  });
});

describe('a receipt settled, by a later account, before the day it bears', () => {
  it('is refused at its place in the words of the file, nothing recorded', async () => {
    const { db } = await record();
    const file = fixture('1917-11-21.yaml');
    const r = await cli('replay', file, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${file}:14:11: receipt no. 1917/1 of Council of People's Commissars is settled on 1 November 1917, before the date it bears, 21 November 1917\n` +
        `collegium: ${file}: refused, nothing recorded\n`,
    );
    expect((await ok('instruments', '--db', db)).trim()).toBe('no instrument');
  });
});

describe("the Council declining to confirm its executive committee's decision", () => {
  it('says under the motion put to ratify it that its rejection annulled the decision', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('1918-02-22.yaml'), '--db', db);
    const lines = out.split('\n');
    expect(lines.slice(1, 4)).toEqual([
      expect.stringMatching(
        /^ {2}annulled by motion 1 \("Confirm the executive committee's requisition of the grain at the stations"\) of the session of Council of People's Commissars on 27 February 1918 \[entry \d+\]$/,
      ),
      'cpc-1918-02-27/confirm-requisition: rejected: 2 ayes against 4 nays; majority of votes cast required; 6 of 8 voting members present, quorum 5',
      '  annuls motion 1 ("Requisition the grain held at the Petrograd stations") of the session of Executive committee of the Council on 22 February 1918: put to ratify it, rejected',
    ]);
    expect(out).not.toMatch(/^ {2}ratifies /m);
  });
});

describe('the Bureau of four drawing in the members of the Central Committee at Smolny', () => {
  it('lists those drawn in among who attended, as the minutes do, where they have no seat', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('1917-12-20.yaml'), '--db', db);
    expect(out).toContain(
      'bureau-1917-12-20/pressing: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present, quorum 3\n',
    );
    expect(out).toMatch(/; 0 flagged\n$/);
    const rows = (await ok('export', 'attendance', '--db', db))
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',').slice(3, 6));
    expect(rows).toEqual([
      ['lenin', 'V. I. Lenin', 'present'],
      ['stalin', 'J. V. Stalin', 'present'],
      ['trotsky', 'L. D. Trotsky', 'present'],
      ['zinoviev', 'G. E. Zinoviev', 'also-present'],
      ['bukharin', 'N. I. Bukharin', 'also-present'],
      ['sverdlov', 'Ya. M. Sverdlov', 'absent'],
    ]);
  });
});

describe('the Politburo’s threesome, quorum three of five', () => {
  it('decides by three, fails on a tie and without quorum; the export keeps what the minutes state', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('1920-09-20.yaml'), '--db', db);
    expect(out.split('\n')).toEqual([
      'pb-1920-09-20/threesome: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 5 voting members present, quorum 3',
      '  ! G. E. Zinoviev is a candidate (voice, no vote): ballot not counted',
      'pb-1920-09-20/tie: rejected: 1 aye against 1 nay, 1 abstention; a tie fails without a casting vote; majority of votes cast required; 3 of 5 voting members present, quorum 3',
      '  ! the minutes state adopted; the rules give rejected',
      'pb-1920-09-20/two-only: not decided: no quorum: 2 of 5 voting members present, 3 required',
      '  ! the minutes state adopted; the rules give not-decided',
      `3 motions recorded in ${db}; 3 flagged`,
      '',
    ]);
    // The minutes drawn up from the record say where the written minutes and the rules differ.
    const minutes = await ok('minutes', 'pb-1920-09-20', '--db', db);
    expect(minutes.match(/^The written minutes state: .*$/gm)).toEqual([
      'The written minutes state: adopted.',
      'The written minutes state: adopted; the rules give rejected.',
      'The written minutes state: adopted; the rules give not-decided.',
    ]);
    const csv = (await ok('export', 'decisions', '--db', db)).trim().split(/\r?\n/);
    expect(csv[0]).toMatch(/,ratification,entry,stated,flags$/);
    expect(csv.slice(1).map((row) => row.replace(/^.*,\d+,/, ''))).toEqual([
      'adopted,"zinoviev is a candidate (voice, no vote): ballot not counted"',
      'adopted,the minutes state adopted; the rules give rejected',
      'adopted,the minutes state adopted; the rules give not-decided',
    ]);
  });
});

describe('an ultimatum whose signatures a later account puts out of the listed order', () => {
  it('flags the one out of order once, and the rule short by it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-later-'));
    const db = join(dir, 'cc.db');
    await ok('init', '--charter', fixture('charter-as-listed.yaml'), '--db', db);
    const out = await ok('replay', fixture('1917-11-16.yaml'), '--db', db);
    expect(out.split('\n').slice(2, -2)).toEqual([
      '  ! J. V. Stalin may not sign yet: L. D. Trotsky must sign first, or the 3 signatures needed could never be gathered in the listed order (V. I. Lenin, L. D. Trotsky, J. V. Stalin)',
      '  ! issued short of its signing rule: 2 of the 3 signatures needed the rule admits: V. I. Lenin, L. D. Trotsky, J. V. Stalin, every one of them, in the order listed',
    ]);
  });
});

describe('the charter amended over time, and a collegium outvoting its People’s Commissar', () => {
  it('decides each session under the charter in force, and refuses a file dated before', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('1918-03-05.yaml'), '--db', db);
    expect(out.split('\n')).toEqual([
      'cc-1918-03-05/co-opt-dzerzhinsky: adopted: 9 ayes against 2 nays, majority of votes cast; 11 of 15 voting members present, quorum 8',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      'narkomnats-1918-03-10/tatar-bashkir: rejected: 1 aye against 4 nays; majority of votes cast required; 5 of 5 voting members present, quorum 3',
      'cc-1918-03-15/cheka: adopted: 5 ayes against 1 nay, majority of votes cast; 9 of 16 voting members present, quorum 9',
      `3 motions recorded in ${db}; 0 flagged`,
      '',
    ]);
    expect((await cli('audit', '--db', db)).code).toBe(0);
    // A later account of February, replayed after, would be decided under the charter of March.
    const february = fixture('1918-02-22.yaml');
    const refused = await cli('replay', february, '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /:8:11: session 'ec-1918-02-22' is dated 22 February 1918, before the charter of the record was amended by motion 1 \("Co-opt F. E. Dzerzhinsky as a member of the Central Committee"\) of the session of Central Committee on 5 March 1918/,
    );
  });
});

describe('the joint session of the two central committees, 23 February 1918', () => {
  it('is rejected by the Left Essars’ own majority, each body’s count given', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('1918-02-23.yaml'), '--db', db);
    expect(out.split('\n').slice(1, 3)).toEqual([
      "joint-1918-02-23/accept-terms: rejected: each body's own majority is required: central-committee adopted: 7 ayes against 2 nays, 2 abstentions, majority of votes cast; 11 of 15 voting members present, quorum 8; left-sr-cc rejected: 1 aye against 4 nays; majority of votes cast required; 5 of 6 voting members present, quorum 4",
      `2 motions recorded in ${db}; 0 flagged`,
    ]);
    const chain = await ok('question', 'cc-1918-02-23/accept-terms', '--db', db);
    expect(chain).toContain(
      'Chain: cc-1918-02-23/accept-terms (adopted) → joint-1918-02-23/accept-terms (rejected)',
    );
  });
});
