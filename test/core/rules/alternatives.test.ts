import { describe, expect, it } from 'vitest';
import {
  decideAlternatives,
  RuleInputError,
  type AlternativeBallot,
  type AlternativesMethod,
} from '../../../src/core/rules/index.js';
import { body } from './fixtures.js';

const options = ['a', 'b', 'c'];

function byCounts(method: AlternativesMethod, counts: Record<string, number>, abstain?: number) {
  return decideAlternatives(body(20), options, method, { mode: 'counts', counts, abstain });
}

describe('decideAlternatives: plurality', () => {
  it('gives the win to the most votes', () => {
    const decision = byCounts('plurality', { a: 4, b: 3, c: 3 }, 2);
    expect(decision).toMatchObject({ outcome: 'a', tally: { a: 4, b: 3, c: 3, abstain: 2 } });
    expect(decision.explanation).toBe(
      'a: 4 of 10 votes, 2 abstentions, plurality; 20 of 20 voting members present, quorum 11',
    );
  });

  it('decides nothing on a tie for first place, naming the tied', () => {
    const decision = byCounts('plurality', { a: 4, b: 1, c: 4 });
    expect(decision.outcome).toBe('not-decided');
    expect(decision.explanation).toBe(
      'not decided: tie for first place between a and c, 4 of 9 votes each, plurality; 20 of 20 voting members present, quorum 11',
    );
  });

  it('decides nothing when no vote is cast for any alternative', () => {
    const decision = byCounts('plurality', {}, 3);
    expect(decision.outcome).toBe('not-decided');
    expect(decision.explanation).toBe(
      'not decided: no votes cast for any alternative, 3 abstentions; 20 of 20 voting members present, quorum 11',
    );
  });
});

describe('decideAlternatives: absolute majority', () => {
  it('needs more than half of the votes cast; abstentions are not cast', () => {
    expect(byCounts('absolute', { a: 5, b: 2, c: 2 }, 6).outcome).toBe('a');
    expect(byCounts('absolute', { a: 5, b: 3, c: 2 }, 6).outcome).toBe('not-decided');
    expect(byCounts('absolute', { a: 5, b: 2, c: 2 }).explanation).toBe(
      'a: 5 of 9 votes, absolute majority; 20 of 20 voting members present, quorum 11',
    );
  });

  it('calls a runoff between the first two when nobody has more than half', () => {
    const decision = byCounts('absolute', { a: 3, b: 4, c: 1 });
    expect(decision).toMatchObject({ outcome: 'not-decided', runoff: ['b', 'a'], flags: [] });
    expect(decision.explanation).toBe(
      'not decided: no alternative has more than half of 8 votes (b 4, a 3); runoff between b and a; 20 of 20 voting members present, quorum 11',
    );
  });

  it('treats exactly half as no majority', () => {
    expect(byCounts('absolute', { a: 4, b: 4 })).toMatchObject({
      outcome: 'not-decided',
      runoff: ['a', 'b'],
    });
    expect(byCounts('absolute', { a: 4, b: 2, c: 2 }).outcome).toBe('not-decided');
  });

  it('forms no runoff on a tie for second place, and flags it', () => {
    const decision = byCounts('absolute', { a: 4, b: 2, c: 2 });
    expect(decision.runoff).toBeUndefined();
    expect(decision.flags).toEqual(['no runoff: b and c tie for second place with 2 each']);
  });

  it('forms no runoff when three tie for first place', () => {
    const decision = byCounts('absolute', { a: 3, b: 3, c: 3 });
    expect(decision.outcome).toBe('not-decided');
    expect(decision).not.toHaveProperty('runoff');
    expect(decision.flags).toEqual(['no runoff: a, b and c tie for first place with 3 each']);
  });

  it('gives a lone alternative with votes the win', () => {
    expect(
      decideAlternatives(body(3), ['only'], 'absolute', { mode: 'counts', counts: { only: 1 } })
        .outcome,
    ).toBe('only');
  });
});

describe('decideAlternatives: roll call', () => {
  const ctx = {
    ...body(6, 5),
    candidates: ['cand'],
    present: ['m1', 'm2', 'm3', 'm4', 'm5', 'cand'],
  };
  const ballots: AlternativeBallot[] = [
    { voter: 'm1', alternative: 'a' },
    { voter: 'm2', alternative: 'a' },
    { voter: 'm3', alternative: 'b' },
    { voter: 'm4', alternative: null },
    { voter: 'm5', alternative: 'z' },
    { voter: 'cand', alternative: 'b' },
    { voter: 'm6', alternative: 'b' },
  ];

  it('counts abstentions apart and excludes unknown alternatives and ineligible voters', () => {
    const decision = decideAlternatives(ctx, options, 'plurality', { mode: 'roll-call', ballots });
    expect(decision).toMatchObject({ outcome: 'a', tally: { a: 2, b: 1, c: 0, abstain: 1 } });
    expect(decision.excluded).toEqual([
      { voter: 'cand', reason: 'candidate' },
      { voter: 'm5', reason: 'unknown-alternative' },
      { voter: 'm6', reason: 'absent' },
    ]);
  });

  it('does not let an unknown alternative use up a proxy holder’s limit', () => {
    const proxied = {
      ...body(4, 1),
      proxies: { maxPerHolder: 1 },
      quorum: { kind: 'count', count: 1 },
    } as const;
    const decision = decideAlternatives(proxied, options, 'plurality', {
      mode: 'roll-call',
      ballots: [
        { voter: 'm2', alternative: 'z', castBy: 'm1' },
        { voter: 'm3', alternative: 'c', castBy: 'm1' },
      ],
    });
    expect(decision).toMatchObject({
      outcome: 'c',
      excluded: [{ voter: 'm2', reason: 'unknown-alternative' }],
    });
  });

  it('decides nothing without quorum, but still reports the tally', () => {
    const decision = decideAlternatives(body(5, 2), options, 'plurality', {
      mode: 'roll-call',
      ballots: [{ voter: 'm1', alternative: 'a' }],
    });
    expect(decision).toMatchObject({
      outcome: 'not-decided',
      explanation: 'not decided: no quorum: 2 of 5 voting members present, 3 required',
      tally: { a: 1, b: 0, c: 0, abstain: 0 },
    });
  });
});

describe('decideAlternatives: input the caller should have refused', () => {
  it('refuses counts naming an unknown alternative', () => {
    expect(() => byCounts('plurality', { a: 1, z: 1 })).toThrow(
      expect.objectContaining({ code: 'unknown-alternative' }),
    );
    expect(() => byCounts('plurality', { a: 1, abstain: 1 })).toThrow(RuleInputError);
  });

  it('refuses negative or fractional counts, abstentions included', () => {
    expect(() => byCounts('plurality', { a: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid-count' }),
    );
    expect(() => byCounts('plurality', { a: 1 }, 0.5)).toThrow(
      expect.objectContaining({ code: 'invalid-count' }),
    );
  });

  it('refuses reserved or repeated alternative ids', () => {
    for (const alternatives of [['a', 'abstain'], ['adopted'], ['a', 'a']]) {
      expect(() =>
        decideAlternatives(body(3), alternatives, 'plurality', { mode: 'counts', counts: {} }),
      ).toThrow(expect.objectContaining({ code: 'invalid-alternatives' }));
    }
  });

  it('flags more votes than voting members present', () => {
    const decision = decideAlternatives(body(10, 6), options, 'plurality', {
      mode: 'counts',
      counts: { a: 4, b: 2 },
      abstain: 1,
    });
    expect(decision.flags).toEqual(['7 votes counted but only 6 voting members present']);
  });
});
