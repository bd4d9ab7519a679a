/** Replay creating a record: all or nothing, on both stores, with refusals located in the file. */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CENTRAL_COMMITTEE, COOPERATIVE } from '../support/examples.js';
import { cli } from '../support/cli.js';
import { BACKENDS } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-replay-'));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('replay --charter', () => {
  for (const backend of BACKENDS) {
    it(`creates the record and records the file in one go on ${backend.name}`, async () => {
      const handle = await backend.fresh();
      try {
        const r = await cli(
          'replay',
          COOPERATIVE.proceedings[0]!,
          '--charter',
          COOPERATIVE.charter,
          '--db',
          handle.location,
          '--json',
        );
        expect(r.code, r.err).toBe(0);
        expect((JSON.parse(r.out) as { outcome: string }[]).map((m) => m.outcome)).toContain(
          'north-roofing',
        );
        expect((await cli('audit', '--db', handle.location)).code).toBe(0);
      } finally {
        await handle.dispose();
      }
    });
  }

  it('creates nothing when an act of the file is refused, and names its place', async () => {
    const db = join(dir, 'refused.db');
    const proceedings = write(
      'casting.yaml',
      `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky]
    motions:
      - id: m1
        text: A tie.
        vote: {aye: [lenin], nay: [trotsky]}
        casting-vote: aye
`,
    );
    const r = await cli('replay', proceedings, '--charter', CENTRAL_COMMITTEE.charter, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${proceedings}:9:23: a casting vote is the chair's, and neither the session nor Central Committee has a chair`,
    );
    expect(r.err).toMatch(/chair/);
    expect(existsSync(db)).toBe(false);
  });

  it('leaves a file that is not a record as it is', async () => {
    const stranger = write('stranger.db', 'my notes\n');
    for (const args of [
      ['audit'],
      ['log'],
      ['replay', COOPERATIVE.proceedings[0]!, '--charter', COOPERATIVE.charter],
    ]) {
      const r = await cli(...args, '--db', stranger);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/no Collegium record|not a Collegium record/);
      expect(readFileSync(stranger, 'utf8')).toBe('my notes\n');
    }
  });

  it("records a motion's own majority from the minutes, flagged where the charter's decides otherwise", async () => {
    const db = join(dir, 'majority.db');
    const proceedings = write(
      'unanimous.yaml',
      `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky, stalin, sverdlov, zinoviev, krestinsky, bukharin, uritsky, stassova]
    motions:
      - id: m1
        text: Only by unanimity.
        majority: unanimous
        vote: {aye: [lenin, trotsky, stalin, sverdlov, zinoviev], nay: [bukharin]}
        stated: adopted
`,
    );
    const r = await cli(
      'replay',
      proceedings,
      '--charter',
      CENTRAL_COMMITTEE.charter,
      '--db',
      db,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const [motion] = JSON.parse(r.out) as {
      outcome: string;
      explanation: string;
      flags: string[];
    }[];
    // The Central Committee decides by a majority of votes cast: 5 ayes against 1 nay.
    expect(motion?.outcome).toBe('adopted');
    expect(motion?.explanation).toMatch(/^adopted: 5 ayes against 1 nay, majority of votes cast;/);
    expect(motion?.flags).toEqual([
      'the minutes put it to unanimity (no nays, at least one aye); the charter decides it by a majority of votes cast',
    ]);
  });
});

describe('replay of the cooperative with its notices, apologies and approved minutes', () => {
  for (const backend of BACKENDS) {
    it(`records every meeting in order, the minutes approved and signed, and audits on ${backend.name}`, async () => {
      const handle = await backend.fresh();
      const run = (...args: string[]) => cli(...args, '--db', handle.location);
      try {
        const folder = join(COOPERATIVE.charter, '..');
        const files = [
          '2025-09-10',
          '2025-10-08',
          '2026-06-10',
          '2026-09-09',
          '2026-09-27',
          '2026-10-14',
        ];
        for (const [i, name] of files.entries()) {
          const r = await run(
            'replay',
            join(folder, `${name}.yaml`),
            ...(i === 0 ? ['--charter', COOPERATIVE.charter] : []),
          );
          expect(r.code, `${name}: ${r.err}`).toBe(0);
          // No meeting breaks its notice period: the charter of 2026 asks for seven days.
          expect(r.out, name).not.toMatch(/opened without notice|after its notice/);
        }
        const audit = await run('audit');
        expect(audit.out).toMatch(/^audit passed: 238 entries verified/);
        const september = (await run('protocol', 'board-2025-09-10')).out;
        expect(september).toContain(
          '  Convened by a notice of 27 August 2025 for 10 September 2025 [entry 1].\n',
        );
        expect(september).toContain(
          '    1. Minutes of the August meeting (minutes); put as minutes-august\n',
        );
        expect(september).toMatch(
          /Minutes approved on 8 October 2025 by motion 2 \("Approve the minutes of the meeting of 10 September 2025"\) of the session of Board of Directors on 8 October 2025 \(Regular meeting\) \[entry \d+\]/,
        );
        expect(september).toMatch(
          /Signed by Ada Okafor \(chair\), recorded by Hana Kowalski \[entry \d+\]/,
        );
        expect(september).toMatch(/Signed by Hana Kowalski \(secretary\) \[entry \d+\]/);
        expect(september).toContain('    Objection of Fay Osei: "The minutes leave out');
        const october = (await run('protocol', 'board-2025-10-08')).out;
        expect(october).toContain('  Excused (2): Dana Morales (Ill), Eli Novak\n');
        expect(october).toContain('  Minutes not yet approved');
        // The motion's wording and the minutes it approves came from its agenda item.
        const json = JSON.parse((await run('--json', 'protocol', 'board-2025-10-08')).out) as {
          motions: { id: string; text: string; item?: string; approves?: { session: string } }[];
        }[];
        expect(json[0]!.motions.find((m) => m.id === 'minutes-september')).toMatchObject({
          text: 'Approve the minutes of the meeting of 10 September 2025.',
          item: 'minutes',
          approves: { session: 'board-2025-09-10' },
        });
      } finally {
        await handle.dispose();
      }
    });
  }

  it('refuses minutes approved or signed before their session is recorded, at their place', async () => {
    const early = write(
      'early.yaml',
      readFileSync(join(COOPERATIVE.charter, '..', '2025-10-08.yaml'), 'utf8'),
    );
    const db = join(dir, 'early.db');
    const r = await cli('replay', early, '--charter', COOPERATIVE.charter, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /early\.yaml:\d+:\d+: no session 'board-2025-09-10' in the record or before this in the file/,
    );
    expect(r.err).toMatch(/refused, nothing recorded/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('replay of a motion proposed by someone the charter names only later', () => {
  it('is refused at the motion, in the file, nothing recorded', async () => {
    // Ivo joins the board by the amendment this file adopts after the accounts are approved. The
    // file goes beside a copy of the example, for the amended charter it names.
    const folder = join(dir, 'later-proposer');
    cpSync(dirname(COOPERATIVE.charter), folder, { recursive: true });
    const source = readFileSync(join(folder, '2026-06-10.yaml'), 'utf8');
    const lines = source.split('\n');
    // Refused at the motion it proposes, as any refusal of a motion's act is.
    const line = lines.findIndex((l) => l.trim() === '- id: accounts-2025') + 1;
    const col = lines[line - 1]!.indexOf('accounts-2025') + 1;
    const file = write(
      join('later-proposer', 'proposer.yaml'),
      source.replace('proposer: chen', 'proposer: ivo'),
    );
    const db = join(dir, 'later-proposer.db');
    const r = await cli('replay', file, '--charter', join(folder, 'charter.yaml'), '--db', db);
    expect(r.code, r.err).toBe(1);
    expect(r.err, r.err).toContain(`${file}:${line}:${col}: no person 'ivo' in the charter`);
    expect(existsSync(db)).toBe(false);
  });
});
