/** Replay creating a record: all or nothing, on both stores, with refusals located in the file. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(r.err).toContain(`${proceedings}:9:23: the body has no chair`);
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

  it("records a motion's own majority from the minutes", async () => {
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
    expect(motion?.outcome).toBe('rejected');
    expect(motion?.explanation).toMatch(/unanimity/);
    expect(motion?.flags).toContain('the minutes state adopted; the rules give rejected');
  });
});
