/**
 * The rules of a charter in words: a quorum says "member" of one and "members" of several; a
 * majority says whom it is of, the voting members by default, or whom a caller names.
 */
import { describe, expect, it } from 'vitest';
import {
  circulationRuleInWords,
  majorityInWords,
  quorumInWords,
} from '../../src/core/charter/describe.js';

describe('quorumInWords', () => {
  it('says member of one, members of several', () => {
    expect(quorumInWords({ kind: 'count', count: 1 }, 1)).toBe('1 of 1 voting member');
    expect(quorumInWords({ kind: 'majority' }, 1)).toBe(
      'more than half of the 1 voting member (1)',
    );
    expect(quorumInWords({ kind: 'fraction', fraction: 0.5 }, 1)).toBe(
      '0.5 of the 1 voting member (1)',
    );
    expect(quorumInWords({ kind: 'count', count: 2 }, 3)).toBe('2 of 3 voting members');
    expect(quorumInWords({ kind: 'majority' }, 7)).toBe(
      'more than half of the 7 voting members (4)',
    );
  });

  it('names whom it counts, one and many, where a caller says', () => {
    const asked = ['member asked', 'members asked'] as const;
    expect(quorumInWords({ kind: 'count', count: 1 }, 1, asked)).toBe('1 of 1 member asked');
    expect(quorumInWords({ kind: 'count', count: 2 }, 4, asked)).toBe('2 of 4 members asked');
  });
});

describe('majorityInWords', () => {
  it('is of the voting members present by default', () => {
    expect(majorityInWords('present')).toBe('a majority of the voting members present');
    expect(majorityInWords('membership')).toBe('a majority of all voting members');
    expect(majorityInWords('votes-cast')).toBe('a majority of votes cast');
  });

  it('is of whom a caller names', () => {
    const of = { members: 'members asked', present: 'who answer' };
    expect(majorityInWords('present', of)).toBe('a majority of the members asked who answer');
    expect(majorityInWords('membership', of)).toBe('a majority of all members asked');
    expect(majorityInWords('two-thirds', of)).toBe('two thirds of votes cast');
  });

  it('reads a rule in writing as of those who answer', () => {
    expect(circulationRuleInWords({ kind: 'majority', majority: 'present' }, 3)).toBe(
      'a majority of the voting members who answer',
    );
  });
});
