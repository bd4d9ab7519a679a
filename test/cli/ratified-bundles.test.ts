/**
 * An instrument's bundle says whether the decision it rests on still stands once that decision
 * awaited a ratification: every vote decided in the bundle comes with the proposal and the session
 * opening that say what it decided, so that a failed ratification cannot be hidden by leaving them
 * out (they come before the issue, where a bundle holds only what it chooses).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const CHARTER = `collegium: 1
organization: {id: org, name: Org}
people:
  ann: {name: Ann}
  bob: {name: Bob}
  cy: {name: Cy}
bodies:
  board:
    name: Board
    members: [ann, bob, cy]
    secretary: ann
    quorum: majority
    majority: votes-cast
    instruments:
      order: {signers: [ann], rests-on: decision}
  sub:
    name: Sub
    parent: board
    members: [ann, bob]
    powers: [spend]
    obligations: [{report-to: board}]
    quorum: majority
    majority: votes-cast
`;

const MINUTES = `body: sub
sessions:
  - id: s2
    date: 2026-03-02
    present: [ann, bob]
    motions:
      - id: spend
        text: Spend the fund.
        power: spend
        vote: {aye: [ann, bob]}
        stated: adopted
`;

interface Entry {
  index: number;
  leaf: string;
}

describe("an instrument's bundle resting on a decision that awaits ratification", () => {
  it('holds what every vote in it decided, and is refused without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-ratified-'));
    const db = join(dir, 'r.db');
    const file = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const ok = async (...args: string[]): Promise<string> => {
      const r = await cli(...args, '--db', db);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      return r.out;
    };
    await ok('init', '--charter', file('charter.yaml', CHARTER));
    await ok('replay', file('minutes.yaml', MINUTES));
    await ok('session', 'open', 's3', '--body', 'board');
    await ok('arrive', 's3', 'ann', 'bob', 'cy');
    await ok('ratify', 's2/spend', '--session', 's3', '--motion-id', 'r1');
    await ok('motion', 's3', 'other', '--text', 'Paint the hall.');
    await ok(
      'instrument',
      'draft',
      '--body',
      'board',
      '--kind',
      'order',
      '--text',
      'Spend it.',
      '--rests-on',
      's2/spend',
      '--id',
      'o1',
    );
    await ok('instrument', 'sign', 'o1', '--for', 'ann', '--channel', 'in-person');
    await ok('instrument', 'issue', 'o1');
    const decide = async (motion: string, choice: string) => {
      await ok('vote', 'open', 's3', motion);
      for (const voter of ['ann', 'bob', 'cy']) await ok('ballot', 's3', motion, voter, choice);
      await ok('vote', 'close', 's3', motion);
    };
    const logKey = (await ok('log-key')).trim();
    const policy = file(
      'policy.yaml',
      `logs: [${logKey}]\naccept:\n  - kind: order\n    in-force: false\n`,
    );
    const verify = async (bundle: string) => {
      const r = await cli('--json', 'verify', bundle, '--trust', policy);
      return JSON.parse(r.out) as {
        accepted: boolean;
        reasons: { code: string; message: string }[];
      };
    };
    const exported = async (name: string) => {
      await ok('export', 'instrument', 'o1', '--out', join(dir, name));
      return join(dir, name);
    };

    // Another vote decided after the issue: its proposal, put before, comes with it.
    await decide('other', 'aye');
    const awaiting = await exported('awaiting.json');
    expect(await verify(awaiting)).toMatchObject({ accepted: true, reasons: [] });

    await decide('r1', 'nay');
    const annulled = await exported('annulled.json');
    expect((await verify(annulled)).reasons).toEqual([
      {
        code: 'rests-on',
        message: 'the motion "Spend the fund" was annulled when its ratification failed',
      },
    ]);

    // The ratifying motion's proposal and its session's opening, before the issue, left out.
    const bundle = JSON.parse(readFileSync(annulled, 'utf8')) as { entries: Entry[] };
    const before = bundle.entries.filter((e) => {
      const leaf = JSON.parse(Buffer.from(e.leaf, 'base64').toString('utf8')) as {
        type: string;
        payload: { session?: string; motion?: string };
      };
      return (
        (leaf.type === 'motion.propose' && leaf.payload.motion === 'r1') ||
        (leaf.type === 'session.open' && leaf.payload.session === 's3')
      );
    });
    expect(before).toHaveLength(2);
    const left = before.map((e) => e.index);
    const forged = file(
      'forged.json',
      JSON.stringify({ ...bundle, entries: bundle.entries.filter((e) => !left.includes(e.index)) }),
    );
    const verdict = await verify(forged);
    expect(verdict.accepted).toBe(false);
    expect(verdict.reasons).toEqual([
      {
        code: 'rests-on',
        message: expect.stringMatching(
          /^the bundle does not prove whether the motion "Spend the fund" stands: it leaves out what the vote closed at entry \d+ decided/,
        ),
      },
    ]);
  });
});
