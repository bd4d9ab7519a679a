/** The votes of the reference case, as its protocols and the design record them. */
import { describe, expect, it } from 'vitest';
import {
  decideAlternatives,
  decideFormula,
  type Ballot,
  type VotingContext,
} from '../../../src/core/rules/index.js';
import { body } from './fixtures.js';

describe('Central Committee, 24 January 1918 (counts only)', () => {
  // No names are recorded; the largest total, 16, says at least 16 voting members were there.
  const session = body(16);

  it('adopts Trotsky’s formula, 9 to 7', () => {
    const decision = decideFormula(session, 'votes-cast', {
      mode: 'counts',
      counts: { aye: 9, nay: 7 },
    });
    expect(decision).toMatchObject({ outcome: 'adopted', flags: [] });
    expect(decision.explanation).toBe(
      'adopted: 9 ayes against 7 nays, majority of votes cast; 16 of 16 voting members present, quorum 9',
    );
  });

  it('adopts “we drag out the signing of the peace”, 12 to 1', () => {
    const decision = decideFormula(session, 'votes-cast', {
      mode: 'counts',
      counts: { aye: 12, nay: 1 },
    });
    expect(decision.outcome).toBe('adopted');
    expect(decision.explanation).toMatch(
      /^adopted: 12 ayes against 1 nay, majority of votes cast;/,
    );
  });

  it('rejects the call for a revolutionary war, 2 to 11 with 1 not voting', () => {
    const decision = decideFormula(session, 'votes-cast', {
      mode: 'counts',
      counts: { aye: 2, nay: 11, 'not-voting': 1 },
    });
    expect(decision.outcome).toBe('rejected');
    expect(decision.explanation).toBe(
      'rejected: 2 ayes against 11 nays, 1 not voting; majority of votes cast required; 16 of 16 voting members present, quorum 9',
    );
  });

  it('flags 16 votes when only 15 voting members are known present', () => {
    const decision = decideFormula(body(16, 15), 'votes-cast', {
      mode: 'counts',
      counts: { aye: 9, nay: 7 },
    });
    expect(decision.flags).toEqual(['16 votes counted but only 15 voting members present']);
  });
});

describe('Central Committee, 18 February 1918, evening session', () => {
  const voters = ['lenin', 'smilga', 'stalin', 'sverdlov', 'sokolnikov', 'trotsky', 'zinoviev'];
  const against = ['uritsky', 'lomov', 'bukharin', 'joffe', 'krestinsky'];
  const ctx: VotingContext = {
    votingMembers: [...voters, ...against, 'dzerzhinsky', 'artem', 'shaumyan'],
    candidates: ['stassova'],
    present: [...voters, ...against, 'dzerzhinsky', 'stassova'],
    quorum: { kind: 'majority' },
    castingVote: false,
  };

  it('adopts the peace offer, 7 to 5 with 1 not voting, 13 of 15 present (counts)', () => {
    const decision = decideFormula(body(15, 13), 'votes-cast', {
      mode: 'counts',
      counts: { aye: 7, nay: 5, 'not-voting': 1 },
    });
    expect(decision.outcome).toBe('adopted');
    expect(decision.explanation).toBe(
      'adopted: 7 ayes against 5 nays, 1 not voting, majority of votes cast; 13 of 15 voting members present, quorum 8',
    );
  });

  it('adopts the peace offer by roll call; Stassova, a candidate not voting, is not flagged', () => {
    const ballots: Ballot[] = [
      ...voters.map((voter) => ({ voter, choice: 'aye' as const })),
      ...against.map((voter) => ({ voter, choice: 'nay' as const })),
      { voter: 'stassova', choice: 'not-voting' },
    ];
    const decision = decideFormula(ctx, 'votes-cast', { mode: 'roll-call', ballots });
    expect(decision).toMatchObject({
      outcome: 'adopted',
      // Listed as not voting, she cast nothing the rules could refuse: nothing to flag.
      excluded: [],
      flags: [],
    });
    expect(decision.explanation).toBe(
      'adopted: 7 ayes against 5 nays, majority of votes cast; 13 of 15 voting members present, quorum 8',
    );
  });

  it('adopts the points of the telegram, 7 to 4 with 2 not voting', () => {
    const decision = decideFormula(body(15, 13), 'votes-cast', {
      mode: 'counts',
      counts: { aye: 7, nay: 4, 'not-voting': 2 },
    });
    expect(decision.outcome).toBe('adopted');
  });
});

describe('the example proceedings of DESIGN.md', () => {
  const members = [
    'lenin',
    'trotsky',
    'stalin',
    'sverdlov',
    'zinoviev',
    'krestinsky',
    'bukharin',
    'uritsky',
  ];
  const cc: VotingContext = {
    votingMembers: members,
    candidates: ['stassova'],
    present: [...members, 'stassova'],
    quorum: { kind: 'majority' },
    castingVote: false,
  };

  it('adopts the peace offer, 5 to 3', () => {
    const ballots: Ballot[] = [
      ...['lenin', 'stalin', 'sverdlov', 'trotsky', 'zinoviev'].map((voter) => ({
        voter,
        choice: 'aye' as const,
      })),
      ...['uritsky', 'bukharin', 'krestinsky'].map((voter) => ({ voter, choice: 'nay' as const })),
    ];
    expect(decideFormula(cc, 'votes-cast', { mode: 'roll-call', ballots }).outcome).toBe('adopted');
  });

  it('adopts drag-out, 6 to 1', () => {
    expect(
      decideFormula(cc, 'votes-cast', { mode: 'counts', counts: { aye: 6, nay: 1 } }).outcome,
    ).toBe('adopted');
  });

  const course = ['revolutionary-war', 'neither-war-nor-peace', 'separate-peace'];
  const counts = { 'revolutionary-war': 4, 'neither-war-nor-peace': 2, 'separate-peace': 2 };

  it('chooses the revolutionary war by plurality, 4 of 8', () => {
    const decision = decideAlternatives(cc, course, 'plurality', { mode: 'counts', counts });
    expect(decision.outcome).toBe('revolutionary-war');
    expect(decision.explanation).toBe(
      'revolutionary-war: 4 of 8 votes, plurality; 8 of 8 voting members present, quorum 5',
    );
  });

  it('would not decide it by absolute majority, and could form no runoff', () => {
    const decision = decideAlternatives(cc, course, 'absolute', { mode: 'counts', counts });
    expect(decision.outcome).toBe('not-decided');
    expect(decision).not.toHaveProperty('runoff');
    expect(decision.flags).toEqual([
      'no runoff: neither-war-nor-peace and separate-peace tie for second place with 2 each',
    ]);
  });

  it('gives the Politburo its quorum of three of five', () => {
    const politburo: VotingContext = {
      votingMembers: ['lenin', 'trotsky', 'stalin', 'krestinsky', 'zinoviev'],
      candidates: [],
      present: ['lenin', 'stalin'],
      quorum: { kind: 'count', count: 3 },
      castingVote: false,
    };
    const vote = { mode: 'counts', counts: { aye: 2 } } as const;
    expect(decideFormula(politburo, 'votes-cast', vote).explanation).toBe(
      'not decided: no quorum: 2 of 5 voting members present, 3 required',
    );
    expect(
      decideFormula({ ...politburo, present: ['lenin', 'stalin', 'trotsky'] }, 'votes-cast', vote)
        .outcome,
    ).toBe('adopted');
  });
});
