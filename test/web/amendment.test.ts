/**
 * The browser's reading of an amended charter (src/web/lib/amendment.ts), which the AmendCharter
 * component shows before it puts the motion: the core's parser, every problem as LINE:COL:
 * message, and the organization's id and log held as they are.
 */
import { describe, expect, it } from 'vitest';
import { readAmendment } from '../../src/web/lib/amendment.js';
import { TEST_CHARTER } from '../server/support.js';

const ORG = { id: 'test-org', name: 'Test Organization', log: 'test.example/org' };

describe('readAmendment', () => {
  it('reads a valid charter: its data for the motion, its bodies as amended', () => {
    const yaml = TEST_CHARTER.replace('members: [ada, ben, cy]', 'members: [ada, ben, cy, out]');
    const read = readAmendment(new TextEncoder().encode(yaml), ORG);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.bodies).toEqual([
      { id: 'board', name: 'Board', members: ['ada', 'ben', 'cy', 'out'] },
    ]);
    expect(read.names.get('out')).toBe('Otto Outsider');
    expect(
      (read.json['bodies'] as Record<string, { members: string[] }>)['board']!.members,
    ).toContain('out');
  });

  it('notes a candidate of a joint body who votes as a voting member of a body it joins', () => {
    const joint = [
      '  council:',
      '    name: Council',
      '    members: [out]',
      '    quorum: majority',
      '    majority: votes-cast',
      '  joint:',
      '    name: Joint Session',
      '    joint: { bodies: [board, council] }',
      '    candidates: [cand, ben]',
      '    quorum: majority',
      '    majority: votes-cast',
      '',
    ].join('\n');
    const read = readAmendment(`${TEST_CHARTER}${joint}`, ORG);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.notes).toEqual([
      '28:24: note: Ben Member is listed as a candidate of Joint Session but is a voting member of Board, which it joins: a voting member of a body it joins is a voting member of the joint body, so Ben Member votes there, not as a candidate',
    ]);
    expect(readAmendment(TEST_CHARTER, ORG)).toMatchObject({ ok: true, notes: [] });
  });

  it('gives every problem as LINE:COL: message', () => {
    const yaml = TEST_CHARTER.replace(
      '    quorum: { count: 2 }\n',
      '    quorum: { count: 2 }\n    colour: blue\n',
    ).replace('majority: votes-cast', 'majority: most');
    const read = readAmendment(yaml, ORG);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.length).toBeGreaterThanOrEqual(2);
    for (const problem of read.problems) expect(problem).toMatch(/^\d+:\d+: \S/);
    expect(read.problems.join('\n')).toMatch(/unknown majority rule "most"/);
    expect(read.problems.join('\n')).toMatch(/colour/);
    expect(readAmendment('people: [', ORG)).toMatchObject({ ok: false });
  });

  it('refuses a charter of another organization or log, where the file says it', () => {
    const moved = TEST_CHARTER.replace('id: test-org', 'id: other-org');
    const read = readAmendment(moved, ORG);
    expect(read).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/^3:\d+: an amendment keeps the organization's id \(test-org\)/),
      ],
    });
    const relogged = readAmendment(
      TEST_CHARTER.replace('log: test.example/org', 'log: x.example/y'),
      ORG,
    );
    expect(relogged).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/log \(test\.example\/org\)/)],
    });
  });
});
