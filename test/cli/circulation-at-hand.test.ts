/**
 * A delegated body obliged to draw in its parent's members at hand puts a question from the
 * command line: `--at-hand` names them; a question that does not ask one of them, or names one at
 * hand who is no member of the parent, is refused with nothing written; those drawn in answer,
 * heard and not counted. A live session of it names them with `session open --at-hand`: it votes
 * only once they are present.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cli, okOn, refusedOn } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-at-hand-'));
const RULES = { quorum: 'majority', majority: 'votes-cast' };

/** A board of three and a bureau of one (m1), which must draw in the board's members at hand. */
async function bureau() {
  const here = mkdtempSync(join(dir, 'record-'));
  const keys: Record<string, string> = {};
  const people: Record<string, { name: string; key?: string }> = { sec: { name: 'Secretary' } };
  for (const p of ['m1', 'm2', 'm3']) {
    keys[p] = join(here, `${p}.key`);
    const publicKey = (await cli('keygen', '-o', keys[p])).out.split('\n')[0]!;
    people[p] = { name: `Member ${p}`, key: publicKey };
  }
  const charter = join(here, 'charter.yaml');
  writeFileSync(
    charter,
    stringify({
      collegium: 1,
      organization: { id: 'at-hand', name: 'At hand' },
      people,
      bodies: {
        board: { name: 'Board', members: ['m1', 'm2', 'm3'], secretary: 'sec', ...RULES },
        bureau: {
          name: 'Bureau',
          parent: 'board',
          members: ['m1'],
          secretary: 'sec',
          ...RULES,
          obligations: [{ 'draw-in-present-members-of': 'board' }],
          circulation: { rule: { majority: 'votes-cast' } },
        },
      },
    }),
  );
  const db = join(here, 'r.db');
  const ok = okOn(db);
  /** Refused with `message`, the record left as it was. */
  const refused = refusedOn({ location: db, dump: () => ok('log', '--json') });
  await ok('init', '--charter', charter);
  return { keys, ok, refused };
}

describe('collegium circulate --at-hand', () => {
  it('is told in the command help', async () => {
    const r = await cli('circulate', '--help');
    expect(r.out).toMatch(/--at-hand <members>\s+members of the parent at hand, comma-separated/);
  });

  it('refuses a question that does not ask the members at hand, or names one at hand who is no member of the parent', async () => {
    const { refused } = await bureau();
    const put = ['circulate', 'bureau', 'Buy grain?', '--deadline', '2d'];
    await refused(
      "refused (invalid-input): payload.to: 'm2' is named twice: a member is asked once",
      ...put,
      ...['--to', 'm1,m2,m3,m2', '--at-hand', 'm2'],
    );
    await refused(
      'refused (charter-rule): Bureau must ask the members of its parent who are at hand: Member m2, Member m3 not asked',
      ...put,
      '--at-hand',
      'm2, m3',
    );
    await refused(
      'refused (charter-rule): Bureau must ask the members of its parent who are at hand: Member m3 not asked',
      ...put,
      '--to',
      'm1,m2',
      '--at-hand',
      'm2,m3',
    );
    await refused(
      'refused (not-member): Secretary, said to be at hand, is not a voting member of Board, whose members Bureau draws in',
      ...put,
      '--to',
      'm1',
      '--at-hand',
      'sec',
    );
  });

  it('refuses a question that asks no member with a vote, or a quorum of answers more than the members asked with one: those drawn in are not counted', async () => {
    const { refused, ok } = await bureau();
    const onlyDrawnIn =
      'refused (charter-rule): no voting member of Bureau is asked, only 1 member of its parent drawn in, whose answers are not counted: no answers could decide the question';
    const toM2 = ['circulate', 'bureau', 'Buy grain?', '--deadline', '2d', '--to', 'm2'];
    await refused(onlyDrawnIn, ...toM2, '--at-hand', 'm2');
    await refused(onlyDrawnIn, ...toM2, '--at-hand', 'm2', '--rule', 'unanimous');
    await refused(
      onlyDrawnIn,
      ...toM2,
      '--at-hand',
      'm2',
      '--rule',
      'majority:votes-cast,quorum:1',
    );
    await ok(...toM2.slice(0, -1), 'm1,m2', '--at-hand', 'm2', '--rule', 'unanimous');
    await refused(
      'refused (charter-rule): the rule needs 2 answers and 1 member is asked (and 1 of its parent drawn in, whose answers are not counted): no answers could decide the question',
      ...['circulate', 'bureau', 'Buy grain?', '--deadline', '2d', '--to', 'm1,m2'],
      ...['--at-hand', 'm2', '--rule', 'majority:votes-cast,quorum:2'],
    );
  });

  it('tells the quorum of the members asked with a vote, those drawn in beside them', async () => {
    const { ok } = await bureau();
    const put = ['circulate', 'bureau', 'Buy grain?', '--deadline', '2d', '--to', 'm1,m2'];
    expect(await ok(...put, '--at-hand', 'm2', '--rule', 'majority:votes-cast,quorum:1')).toContain(
      '\n  rule: a majority of votes cast, with a quorum of 1 of 1 member asked with a vote\n',
    );
    // A majority of those who answer, and its quorum, are both of the members asked with a vote.
    expect(await ok(...put, '--at-hand', 'm2', '--rule', 'majority:present,quorum:1')).toContain(
      '\n  rule: a majority of the members asked with a vote who answer, with a quorum of 1 of 1 member asked with a vote\n',
    );
    expect(
      await ok(...put.slice(0, 5), '--to', 'm1', '--rule', 'majority:membership,quorum:1'),
    ).toContain(
      '\n  rule: a majority of all members asked, with a quorum of 1 of 1 member asked\n',
    );
    expect(await ok(...put, '--at-hand', 'm2', '--rule', 'unanimous')).toContain(
      '\n  rule: unanimous consent of every member asked with a vote\n',
    );
  });

  it('asks those at hand, and hears their answers without counting them', async () => {
    const { keys, ok } = await bureau();
    expect(
      await ok(
        'circulate',
        'bureau',
        'Buy grain?',
        '--deadline',
        '2d',
        '--to',
        'm1,m2',
        '--at-hand',
        'm2',
        '--id',
        'grain',
      ),
    ).toMatch(
      /^circulation grain put to 1 member of Bureau with a vote and 1 drawn in from Board \(heard, not counted\) until .*\n {2}rule: a majority of votes cast\n/,
    );
    expect(await ok('circulation', 'show', 'grain')).toContain(
      '\n  Drawn in from its parent, heard and not counted: Member m2\n',
    );
    await ok('answer', 'grain', 'nay', '--key', keys['m2']!);
    // The register counts the answers of the members asked with a vote: m2's is not one of them.
    expect(await ok('circulations')).toMatch(/^grain {2}bureau {2}open {2}0 of 1 answered {2}/);
    // m1's aye settles it: m2's nay is heard and not counted.
    expect(await ok('answer', 'grain', 'aye', '--key', keys['m1']!)).toMatch(
      /closed, its outcome can no longer change: adopted: 1 aye \(Member m1\); 1 of 1 asked answered/,
    );
    expect(await ok('circulations')).toMatch(
      /^grain {2}bureau {2}closed: adopted {2}1 of 1 answered {2}/,
    );
    const [row] = JSON.parse(await ok('decisions', '--json')) as {
      decision: { outcome: string; flags: string[]; tally: Record<string, number> };
    }[];
    expect(row!.decision).toMatchObject({
      outcome: 'adopted',
      flags: ['m2 is not a voting member: answer not counted'],
      tally: { aye: 1, nay: 0 },
    });
  });
});

describe('collegium session open --at-hand', () => {
  it('is told in the command help', async () => {
    const r = await cli('session', 'open', '--help');
    expect(r.out).toMatch(/--at-hand <members>\s+members of the parent at hand, comma-separated/);
  });

  it('refuses one at hand who is no member of the parent', async () => {
    const { refused } = await bureau();
    await refused(
      'refused (not-member): Secretary, said to be at hand, is not a voting member of Board, whose members Bureau draws in',
      ...['session', 'open', 's1', '--body', 'bureau', '--at-hand', 'm2,sec'],
    );
  });

  it('opens a vote only once the members at hand are present', async () => {
    const { ok, refused } = await bureau();
    await ok('session', 'open', 's1', '--body', 'bureau', '--at-hand', ' m2 ,m3');
    await ok('arrive', 's1', 'm1', 'm2', '--as', 'sec');
    await ok('motion', 's1', 'grain', '--text', 'Buy grain');
    await refused(
      'refused (charter-rule): Bureau must draw in the members of its parent who are at hand: Member m3 not present',
      ...['vote', 'open', 's1', 'grain'],
    );
    await ok('arrive', 's1', 'm3', '--as', 'sec');
    expect(await ok('vote', 'open', 's1', 'grain')).toMatch(/grain/);
  });
});
