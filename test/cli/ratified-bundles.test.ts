/**
 * An instrument's bundle says whether the decision it rests on still stands once that decision
 * awaited a ratification: every vote decided in the bundle comes with the proposal and the session
 * opening that say what it decided, so that a failed ratification cannot be hidden by leaving them
 * out (they come before the issue, where a bundle holds only what it chooses).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boardCharter, bundleRecord } from '../support/bundle-record.js';

const CHARTER = boardCharter('    obligations: [{report-to: board}]\n');

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
    const { file, ok, trust, exported, verify } = await bundleRecord(
      'collegium-ratified-',
      CHARTER,
    );
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
    const policy = await trust('  - kind: order\n    in-force: false\n');

    // Another vote decided after the issue: its proposal, put before, comes with it.
    await decide('other', 'aye');
    const awaiting = await exported('o1', 'awaiting.json');
    expect(await verify(awaiting, policy)).toMatchObject({ accepted: true, reasons: [] });

    await decide('r1', 'nay');
    const annulled = await exported('o1', 'annulled.json');
    expect((await verify(annulled, policy)).reasons).toEqual([
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
    const verdict = await verify(forged, policy);
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
